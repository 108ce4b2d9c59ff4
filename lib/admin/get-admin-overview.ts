import { codeStepKey } from "../auth/code-steps";
import { db } from "../db";
import { lowBackupCodesThreshold } from "../two-factor/backup-codes";

export const recentLockoutCount = 10;
export const recentLockoutDays = 30;

export type AdminOverview = {
  userCount: number;
  twoFactorCount: number;
  /** Users with two-factor authentication on and `lowBackupCodesThreshold` or fewer unused codes (none downloaded counts as 0). */
  lowBackupCodesCount: number;
  recentLockouts: { id: string; userId: string | null; email: string | null; lockedAt: Date; stillLocked: boolean }[];
};

export async function getAdminOverview(options: { now?: Date } = {}): Promise<AdminOverview> {
  const now = options.now ?? new Date();
  const [userCount, twoFactorCount, lowRows, lockouts] = await Promise.all([
    db.user.count(),
    db.twoFactor.count({ where: { enabledAt: { not: null } } }),
    db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS "count" FROM "TwoFactor" t
      WHERE t."enabledAt" IS NOT NULL
        AND (SELECT count(*) FROM "BackupCode" b WHERE b."userId" = t."userId" AND b."usedAt" IS NULL) <= ${lowBackupCodesThreshold}`,
    db.securityEvent.findMany({
      where: { type: "code_step_locked", createdAt: { gte: new Date(now.getTime() - recentLockoutDays * 24 * 60 * 60 * 1000) } },
      orderBy: { createdAt: "desc" },
      take: recentLockoutCount,
      select: { id: true, userId: true, createdAt: true, user: { select: { email: true } } },
    }),
  ]);
  const lockedKeys = new Set(
    (
      await db.rateLimit.findMany({
        where: { key: { in: lockouts.flatMap((event) => (event.userId ? [codeStepKey(event.userId)] : [])) }, lockedUntil: { gt: now } },
        select: { key: true },
      })
    ).map((row) => row.key),
  );
  return {
    userCount,
    twoFactorCount,
    lowBackupCodesCount: Number(lowRows[0]?.count ?? 0),
    recentLockouts: lockouts.map((event) => ({
      id: event.id,
      userId: event.userId,
      email: event.user?.email ?? null,
      lockedAt: event.createdAt,
      stillLocked: event.userId !== null && lockedKeys.has(codeStepKey(event.userId)),
    })),
  };
}
