import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "../db";
import { createAccount } from "./create-account";

export const demoUserEmail = "demo@nidan.local";

/**
 * On the embedded database, an empty install gets a demo user so a newcomer can sign in at
 * once. Its random password is printed once, when it is created, and kept in
 * DATA_DIR/demo-user.txt (mode 0600); only its hash is in the database. Later starts name the
 * file but never print the password again: logs are kept, copied and shared.
 */
export async function ensureDemoUser(options: { dataDir: string; print?: (line: string) => void }): Promise<void> {
  const print = options.print ?? ((line: string) => console.info(line));
  const credentialsPath = path.join(options.dataDir, "demo-user.txt");
  if ((await db.user.count()) > 0) {
    // The demo user was never created here (users existed already): nothing to print.
    if (existsSync(credentialsPath)) print(`[nidan] Demo user (local only): ${demoUserEmail}, password in ${credentialsPath}`);
    return;
  }
  const password = randomBytes(9).toString("base64url");
  await createAccount({ email: demoUserEmail, password, context: { ip: null, userAgent: "nidan-start" } });
  writeFileSync(credentialsPath, `${demoUserEmail}\n${password}\n`, { mode: 0o600 });
  chmodSync(credentialsPath, 0o600);
  print(`[nidan] Demo user (local only, printed once): ${demoUserEmail} / ${password} (also in ${credentialsPath})`);
}
