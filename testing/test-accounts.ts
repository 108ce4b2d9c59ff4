// Accounts for the lib/admin tests, made the way the app makes them (no rows written by hand).
import { randomBytes, randomUUID } from "node:crypto";
import { createAccount } from "../lib/accounts/create-account";
import { startSession } from "../lib/auth/start-session";
import { enableTwoFactor } from "../lib/two-factor/enable-two-factor";
import { ensurePendingSetup } from "../lib/two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../lib/two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../lib/two-factor/totp";

export const testContext = { ip: "203.0.113.66", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };

export type TestAccount = { id: string; email: string; sessionId: string };

/** A signed-up account with one session; `twoFactor` turns it on with a real code and downloads backup codes. */
export async function createTestAccount(options: { role?: "USER" | "ADMIN"; twoFactor?: boolean; emailPrefix?: string } = {}): Promise<TestAccount> {
  const email = `${options.emailPrefix ?? "user"}-${randomUUID()}@example.com`;
  const created = await createAccount({ email, password: "correct horse battery", role: options.role, context: testContext });
  if (!created.ok) throw new Error(`could not create ${email}`);
  const { sessionId } = await startSession({ userId: created.userId, method: "password", context: testContext });
  if (options.twoFactor) {
    const setup = await ensurePendingSetup({ userId: created.userId, sessionId, keyring });
    if (!setup) throw new Error("two-factor authentication was already on");
    const code = await generateTotpCode({ secret: setup.secret });
    const enabled = await enableTwoFactor({ userId: created.userId, sessionId, code, keyring, context: testContext });
    if (!enabled.ok) throw new Error(`could not turn on two-factor authentication: ${enabled.reason}`);
    const codes = await regenerateBackupCodes({ userId: created.userId, context: testContext });
    if (!codes.ok) throw new Error("could not create backup codes");
  }
  return { id: created.userId, email, sessionId };
}
