import { revokeOtherSessions } from "../auth/end-session";
import { db } from "../db";
import { sendSecurityNotification } from "../notifications/send-security-notification";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

/** Turns two-factor authentication off: the key and every backup code are deleted, other sessions end. */
export async function disableTwoFactor(options: { userId: string; sessionId: string; context: RequestContext }) {
  const [deleted] = await db.$transaction([
    db.twoFactor.deleteMany({ where: { userId: options.userId, enabledAt: { not: null } } }),
    db.backupCode.deleteMany({ where: { userId: options.userId } }),
    revokeOtherSessions({ userId: options.userId, exceptSessionId: options.sessionId }),
  ]);
  if (deleted.count === 1) {
    await recordSecurityEvent({ userId: options.userId, type: "two_factor_disabled", context: options.context });
    await sendSecurityNotification({ userId: options.userId, kind: "two_factor_disabled", context: options.context });
  }
  return { ok: deleted.count === 1 };
}
