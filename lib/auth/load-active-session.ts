import { db } from "../db";
import { sessionAbsoluteLifetimeSeconds, sessionIdleLifetimeSeconds, sessionTouchIntervalSeconds } from "./session-lifetime";

export type ActiveSession = {
  sessionId: string;
  authenticatedAt: Date;
  user: { id: string; email: string; role: "USER" | "ADMIN" };
};

/**
 * The session named by a JWT, if it is still alive: not ended (log out, 2FA turned on or
 * off elsewhere), not idle too long, not past its absolute lifetime. Checked on every request.
 */
export async function loadActiveSession(options: { sessionId: unknown; now?: Date }): Promise<ActiveSession | null> {
  if (typeof options.sessionId !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(options.sessionId)) return null;
  const now = options.now ?? new Date();
  const session = await db.session.findUnique({
    where: { id: options.sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      authenticatedAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, role: true } },
    },
  });
  if (!session || session.revokedAt) return null;
  const idleMs = now.getTime() - session.lastSeenAt.getTime();
  const ageMs = now.getTime() - session.createdAt.getTime();
  if (idleMs > sessionIdleLifetimeSeconds * 1000 || ageMs > sessionAbsoluteLifetimeSeconds * 1000) return null;
  if (idleMs > sessionTouchIntervalSeconds * 1000) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: session.id, authenticatedAt: session.authenticatedAt, user: session.user };
}
