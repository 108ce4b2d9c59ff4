import { endSessions } from "../auth/end-session";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { findPasswordReset } from "./find-password-reset";
import { hashPassword } from "../auth/password-hash";

export type ResetPasswordResult = { ok: true } | { ok: false; reason: "invalid" | "second_factor_required" };

/**
 * Sets a new password through a reset link. With two-factor authentication on, the caller must
 * have seen a current code for this link first (`secondFactorPassed`): the mailbox alone never
 * changes a password (ASVS 6.4.3). In one transaction: the link is spent (a second use, even at
 * the same moment, finds nothing), the password and its date set, the address marked confirmed
 * (the link proved it), every other link, session and remembered device ended, any unfinished
 * authenticator setup dropped, and the event recorded with its mail. The person then signs in
 * again, second step included.
 */
export async function resetPassword(options: { token: unknown; password: string; secondFactorPassed: boolean; context: RequestContext }): Promise<ResetPasswordResult> {
  const found = await findPasswordReset({ token: options.token });
  if (!found.ok) return found;
  const { reset } = found;
  if (reset.twoFactorEnabled && !options.secondFactorPassed) return { ok: false, reason: "second_factor_required" };
  const passwordHash = await hashPassword(options.password);
  return db.$transaction(async (transaction): Promise<ResetPasswordResult> => {
    const spent = await transaction.passwordResetToken.deleteMany({ where: { id: reset.tokenId, tokenHash: reset.tokenHash } });
    if (spent.count !== 1) return { ok: false, reason: "invalid" };
    const now = new Date();
    await transaction.user.update({ where: { id: reset.userId }, data: { passwordHash, passwordChangedAt: now } });
    await transaction.user.updateMany({ where: { id: reset.userId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
    await transaction.passwordResetToken.deleteMany({ where: { userId: reset.userId } });
    await endSessions({ userId: reset.userId, transaction });
    await transaction.deviceCookie.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: now } });
    await transaction.twoFactor.updateMany({
      where: { userId: reset.userId },
      data: { pendingSecretEncrypted: null, pendingSessionId: null, pendingCreatedAt: null },
    });
    await recordNotifiedSecurityEvent({ userId: reset.userId, kind: "password_changed", context: options.context, transaction });
    return { ok: true };
  });
}
