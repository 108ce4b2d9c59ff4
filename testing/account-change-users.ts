// Accounts for the password and address change tests, made the way the app makes them.
import { randomBytes, randomUUID } from "node:crypto";
import { startSession } from "../lib/auth/start-session";
import { db } from "../lib/db";
import { enableTwoFactor } from "../lib/two-factor/enable-two-factor";
import { ensurePendingSetup } from "../lib/two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../lib/two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../lib/two-factor/totp";
import type { AccountChangeSession } from "../lib/accounts/confirm-account-owner";
import { createAccount } from "../lib/accounts/create-account";

export const context = { ip: "203.0.113.16", userAgent: "vitest" };
export const keyring = { current: randomBytes(32), previous: [] };
export const password = "correct horse battery";
/** A sign-in older than the re-authentication window. */
export const longAgo = new Date("2026-01-01T00:00:00.000Z");

/** A signed-up account with a session (signed in `authenticatedAt`, now by default); with `twoFactor`, turned on with backup codes. */
export async function accountChangeUser(options: { twoFactor?: boolean; authenticatedAt?: Date } = {}) {
  const email = `change-${randomUUID()}@example.com`;
  const created = await createAccount({ email, password, context });
  if (!created.ok) throw new Error("could not create the user");
  const { userId } = created;
  const { sessionId } = await startSession({ userId, method: "password", context });
  let secret = "";
  let codes: string[] = [];
  if (options.twoFactor) {
    secret = (await ensurePendingSetup({ userId, sessionId, keyring }))!.secret;
    if (!(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context })).ok) throw new Error("2FA not on");
    const regenerated = await regenerateBackupCodes({ userId, context });
    if (!regenerated.ok) throw new Error("could not create backup codes");
    codes = regenerated.codes;
  }
  const authenticatedAt = options.authenticatedAt ?? new Date();
  await db.session.update({ where: { id: sessionId }, data: { authenticatedAt } });
  const session: AccountChangeSession = { sessionId, authenticatedAt, user: { id: userId, email } };
  // The step that enabling used is spent: the next one is what the app shows 30 s later.
  const nextCode = () => generateTotpCode({ secret, now: new Date(Date.now() + 30_000) });
  return { userId, email, sessionId, session, codes, nextCode };
}
