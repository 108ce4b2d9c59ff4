import type { Prisma } from "../generated/prisma/client";
import { type AccountLocks, findAccountLocks, lockedUntilOf } from "./account-locks";

/** One user as the admin pages show them. */
export type UserSummary = {
  id: string;
  email: string;
  role: "USER" | "ADMIN";
  createdAt: Date;
  lastSignInAt: Date | null;
  twoFactorEnabled: boolean;
  /** Which second factors the account has (issue 17): an authenticator app, and how many passkeys. */
  factors: { authenticatorApp: boolean; passkeys: number };
  /** Unused backup codes; 0 when two-factor authentication is off. */
  backupCodesLeft: number;
  /** The latest end among the account's locks, or null when it is not locked. */
  lockedUntil: Date | null;
  locks: AccountLocks;
};

export const userSummarySelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  lastSignInAt: true,
  twoFactor: { select: { enabledAt: true, secretEncrypted: true } },
  _count: { select: { backupCodes: { where: { usedAt: null } }, passkeys: true } },
} satisfies Prisma.UserSelect;

type UserSummaryRow = Prisma.UserGetPayload<{ select: typeof userSummarySelect }>;

/** Adds every lock to each row (lib/admin/account-locks.ts): the same queries for the whole page. */
export async function summarizeUsers(options: { rows: UserSummaryRow[]; now: Date }): Promise<UserSummary[]> {
  const locksOf = await findAccountLocks({ accounts: options.rows, now: options.now });
  return options.rows.map((row) => {
    const twoFactorEnabled = Boolean(row.twoFactor?.enabledAt);
    const locks = locksOf.get(row.id)!;
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      createdAt: row.createdAt,
      lastSignInAt: row.lastSignInAt,
      twoFactorEnabled,
      factors: { authenticatorApp: Boolean(twoFactorEnabled && row.twoFactor?.secretEncrypted), passkeys: row._count.passkeys },
      backupCodesLeft: twoFactorEnabled ? row._count.backupCodes : 0,
      lockedUntil: lockedUntilOf(locks),
      locks,
    };
  });
}
