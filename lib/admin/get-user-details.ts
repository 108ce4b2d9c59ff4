import { sessionAbsoluteLifetimeSeconds, sessionIdleLifetimeSeconds } from "../auth/session-lifetime";
import { db } from "../db";
import { isUuid } from "./audit-log";
import { summarizeUsers, type UserSummary, userSummarySelect } from "./user-summary";

export type UserDetails = UserSummary & {
  activeSessionCount: number;
  /** When a link mailed to the current address was last opened; null: never confirmed (issue 16 §5). */
  emailConfirmedAt: Date | null;
  /** When the password was last changed or reset; null: as set at sign-up. */
  passwordChangedAt: Date | null;
};

/** One user for the admin's user page, or null when there is no such user. */
export async function getUserDetails(options: { userId: string; now?: Date }): Promise<UserDetails | null> {
  if (!isUuid(options.userId)) return null;
  const now = options.now ?? new Date();
  const row = await db.user.findUnique({ where: { id: options.userId }, select: { ...userSummarySelect, emailConfirmedAt: true, passwordChangedAt: true } });
  if (!row) return null;
  const [summary] = await summarizeUsers({ rows: [row], now });
  const activeSessionCount = await db.session.count({
    where: {
      userId: row.id,
      revokedAt: null,
      lastSeenAt: { gt: new Date(now.getTime() - sessionIdleLifetimeSeconds * 1000) },
      createdAt: { gt: new Date(now.getTime() - sessionAbsoluteLifetimeSeconds * 1000) },
    },
  });
  return { ...summary, activeSessionCount, emailConfirmedAt: row.emailConfirmedAt, passwordChangedAt: row.passwordChangedAt };
}
