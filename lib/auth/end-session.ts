import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

/**
 * Log out: the session row is ended, so a copy of the cookie stops working too. Needs only the
 * session id, so next-auth's own POST /api/auth/signout (which knows the JWT, not the user) ends
 * the row as well. Ending an ended session changes nothing and records nothing.
 */
export async function endSession(options: { sessionId: string; context: RequestContext }): Promise<{ ended: boolean }> {
  const ended = await db.session.updateMany({ where: { id: options.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (ended.count === 0) return { ended: false };
  const { userId } = await db.session.findUniqueOrThrow({ where: { id: options.sessionId }, select: { userId: true } });
  await recordSecurityEvent({ userId, type: "signed_out", context: options.context });
  return { ended: true };
}

/**
 * Ends every session of the user but the one making the change (2FA on/off, "End all other
 * sessions"); with no `exceptSessionId` (an admin's reset), every one.
 */
export function endSessions(options: { userId: string; exceptSessionId?: string; transaction?: Prisma.TransactionClient }) {
  return (options.transaction ?? db).session.updateMany({
    where: { userId: options.userId, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
