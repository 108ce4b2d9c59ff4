import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { endSessions } from "./end-session";
import { sessionAbsoluteLifetimeSeconds, sessionIdleLifetimeSeconds } from "./session-lifetime";

/** "End all other sessions": every browser but this one must sign in again. */
export async function endOtherSessions(options: { userId: string; sessionId: string; context: RequestContext }) {
  const ended = await endSessions({ userId: options.userId, exceptSessionId: options.sessionId });
  await recordSecurityEvent({ userId: options.userId, type: "sessions_ended", context: options.context });
  return { endedCount: ended.count };
}

export function countOtherActiveSessions(options: { userId: string; sessionId: string; now?: Date }) {
  const nowMs = (options.now ?? new Date()).getTime();
  return db.session.count({
    where: {
      userId: options.userId,
      id: { not: options.sessionId },
      revokedAt: null,
      lastSeenAt: { gt: new Date(nowMs - sessionIdleLifetimeSeconds * 1000) },
      createdAt: { gt: new Date(nowMs - sessionAbsoluteLifetimeSeconds * 1000) },
    },
  });
}
