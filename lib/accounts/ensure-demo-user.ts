import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "../db";
import { createAccount } from "./create-account";

export const demoUserEmail = "demo@nidan.local";

/**
 * On the embedded database, an empty install gets a demo user so a newcomer can sign in at
 * once. Its random password is printed at every start and kept in DATA_DIR/demo-user.txt
 * (mode 0600); only its hash is in the database.
 */
export async function ensureDemoUser(options: { dataDir: string }): Promise<void> {
  const credentialsPath = path.join(options.dataDir, "demo-user.txt");
  if ((await db.user.count()) === 0) {
    const password = randomBytes(9).toString("base64url");
    await createAccount({ email: demoUserEmail, password, context: { ip: null, userAgent: "nidan-start" } });
    writeFileSync(credentialsPath, `${demoUserEmail}\n${password}\n`, { mode: 0o600 });
    chmodSync(credentialsPath, 0o600);
  }
  try {
    const [email, password] = readFileSync(credentialsPath, "utf8").split("\n");
    console.info(`[nidan] Demo user (local only): ${email} / ${password}`);
  } catch {
    // The demo user was never created here (users existed already): nothing to print.
  }
}
