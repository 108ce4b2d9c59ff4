import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { codeStepLockKey } from "./code-step-lock";

/** One user as the admin pages show them. */
export type UserSummary = {
  id: string;
  email: string;
  role: "USER" | "ADMIN";
  createdAt: Date;
  lastSignInAt: Date | null;
  twoFactorEnabled: boolean;
  /** Unused backup codes; 0 when two-factor authentication is off. */
  backupCodesLeft: number;
  /** Until when failed codes lock the code step, or null when it is not locked. */
  lockedUntil: Date | null;
};

export const userSummarySelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  lastSignInAt: true,
  twoFactor: { select: { enabledAt: true } },
  _count: { select: { backupCodes: { where: { usedAt: null } } } },
} satisfies Prisma.UserSelect;

type UserSummaryRow = Prisma.UserGetPayload<{ select: typeof userSummarySelect }>;

/** Adds the code-step lock to each row: one query for the whole page, by the rate-limit keys. */
export async function summarizeUsers(options: { rows: UserSummaryRow[]; now: Date }): Promise<UserSummary[]> {
  const keyOf = new Map(options.rows.map((row) => [codeStepLockKey(row.id), row.id]));
  const locks = await db.rateLimit.findMany({
    where: { key: { in: [...keyOf.keys()] }, lockedUntil: { gt: options.now } },
    select: { key: true, lockedUntil: true },
  });
  const lockedUntilOf = new Map(locks.map((lock) => [keyOf.get(lock.key), lock.lockedUntil]));
  return options.rows.map((row) => {
    const twoFactorEnabled = Boolean(row.twoFactor?.enabledAt);
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      createdAt: row.createdAt,
      lastSignInAt: row.lastSignInAt,
      twoFactorEnabled,
      backupCodesLeft: twoFactorEnabled ? row._count.backupCodes : 0,
      lockedUntil: lockedUntilOf.get(row.id) ?? null,
    };
  });
}
