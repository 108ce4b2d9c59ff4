import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { removeTwoFactor } from "../two-factor/disable-two-factor";
import { appendAuditEntry, isUuid, lockActingAdmin } from "./audit-log";

export const resetReasonMaxLength = 500;

export type ResetUserTwoFactorResult = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | "self" | "not_enabled" };

/** The user's own activity shows the reset but not the admin's address or browser. */
const hiddenAdminContext: RequestContext = { ip: null, userAgent: null };

/**
 * For a user who lost both phone and backup codes: the key and every backup code are
 * deleted and every session ends, in one transaction with the user's security event, its
 * mail in the outbox and the audit entry. They sign in with the password alone
 * and set up two-factor authentication again (at once, if the policy requires it).
 * An admin resets their own factor from their personal settings instead.
 */
export async function resetUserTwoFactor(options: {
  actorId: string;
  targetUserId: string;
  reason: string;
  context: RequestContext;
}): Promise<ResetUserTwoFactorResult> {
  if (!isUuid(options.targetUserId)) return { ok: false, reason: "not_found" };
  const result = await db.$transaction(async (tx): Promise<ResetUserTwoFactorResult> => {
    const actor = await lockActingAdmin(tx, options.actorId);
    if (!actor) return { ok: false, reason: "forbidden" };
    if (actor.id === options.targetUserId) return { ok: false, reason: "self" };
    const target = await tx.user.findUnique({ where: { id: options.targetUserId }, select: { id: true, email: true } });
    if (!target) return { ok: false, reason: "not_found" };
    // The path of turning it off oneself, with every session ending, not all but one.
    if (!(await removeTwoFactor(tx, { userId: target.id }))) return { ok: false, reason: "not_enabled" };
    const now = new Date();
    // Logged out everywhere, and no browser keeps the standing of one of theirs (a lost phone's included).
    await tx.deviceCookie.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now } });
    // A reset link sent before dies too (issue 16 §1): it was sent to an account that no longer exists as it was.
    await tx.passwordResetToken.deleteMany({ where: { userId: target.id } });
    await recordNotifiedSecurityEvent({ userId: target.id, kind: "two_factor_reset_by_admin", context: hiddenAdminContext, transaction: tx });
    await appendAuditEntry(tx, { action: "two_factor_reset", actor, target, reason: options.reason, context: options.context });
    return { ok: true };
  });
  return result;
}
