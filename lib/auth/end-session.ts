import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

/** Log out: the session row is ended, so a copy of the cookie stops working too. */
export async function endSession(options: { sessionId: string; userId: string; context: RequestContext }) {
  await db.session.updateMany({
    where: { id: options.sessionId, userId: options.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await recordSecurityEvent({ userId: options.userId, type: "signed_out", context: options.context });
}

/** Ends every session of the user but the one making the change (2FA on/off, "log out other sessions"). */
export function revokeOtherSessions(options: { userId: string; exceptSessionId: string; transaction?: Prisma.TransactionClient }) {
  return (options.transaction ?? db).session.updateMany({
    where: { userId: options.userId, id: { not: options.exceptSessionId }, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
