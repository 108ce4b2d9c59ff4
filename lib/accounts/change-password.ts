import type { PresentedDeviceCookie } from "../auth/device-cookie";
import { endSessions } from "../auth/end-session";
import { hashPassword } from "../auth/password-hash";
import type { Keyring } from "../crypto/secret-box";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { type BudgetPolicy, rateLimitKey, spendBudget } from "../security/rate-limit";
import { type AccountChangeSession, confirmAccountOwner, type ConfirmAccountOwnerResult } from "./confirm-account-owner";

/**
 * Password changes per user, counted once the current password is right: each costs two hashes
 * and a mail, so a script holding a session and the password is bounded; a person is not.
 */
export const passwordChangeBudget: BudgetPolicy = { limit: 5, windowSeconds: 3600 };

export type ChangePasswordResult =
  | { ok: true }
  | Exclude<ConfirmAccountOwnerResult, { ok: true }>
  | { ok: false; reason: "same_password" }
  | { ok: false; reason: "too_many_changes"; retryAfterSeconds: number };

/**
 * Personal settings → Change password (issue 16 §2). The new password arrives checked
 * (lib/input/password-rules.ts). In one transaction: the new hash, `passwordChangedAt`, every
 * other session ended (this one stays and counts as just re-authenticated), the event and its
 * mail to the account's address.
 */
export async function changePassword(options: {
  session: AccountChangeSession;
  currentPassword: string;
  newPassword: string;
  code: string | null;
  keyring: Keyring;
  deviceCookies: PresentedDeviceCookie[];
  context: RequestContext;
  now?: Date;
}): Promise<ChangePasswordResult> {
  const { session } = options;
  // Both came from the same form: refusing it first tells nothing and counts nothing.
  if (options.newPassword === options.currentPassword) return { ok: false, reason: "same_password" };
  const owner = await confirmAccountOwner(options);
  if (!owner.ok) return owner;
  const budget = await spendBudget({ key: rateLimitKey("password-change", session.user.id), policy: passwordChangeBudget, now: options.now });
  if (!budget.ok) return { ok: false, reason: "too_many_changes", retryAfterSeconds: budget.retryAfterSeconds };

  const passwordHash = await hashPassword(options.newPassword);
  const now = options.now ?? new Date();
  await db.$transaction(async (transaction) => {
    await transaction.user.update({ where: { id: session.user.id }, data: { passwordHash, passwordChangedAt: now } });
    await endSessions({ userId: session.user.id, exceptSessionId: session.sessionId, transaction });
    await transaction.session.update({ where: { id: session.sessionId }, data: { authenticatedAt: now } });
    await recordNotifiedSecurityEvent({ userId: session.user.id, kind: "password_changed", context: options.context, transaction });
  });
  return { ok: true };
}
