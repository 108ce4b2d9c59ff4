import { revokeOtherSessions } from "../auth/end-session";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";

/** Turns two-factor authentication off: the key and every backup code are deleted, other sessions end. */
export async function disableTwoFactor(options: { userId: string; sessionId: string; context: RequestContext }) {
  // Sessions end only if this call really turned it off (not when it was already off).
  const deleted = await db.$transaction(async (transaction) => {
    const removed = await transaction.twoFactor.deleteMany({ where: { userId: options.userId, enabledAt: { not: null } } });
    if (removed.count !== 1) return removed;
    await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
    await revokeOtherSessions({ userId: options.userId, exceptSessionId: options.sessionId, transaction });
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "two_factor_disabled", context: options.context, transaction });
    return removed;
  });
  return { ok: deleted.count === 1 };
}
