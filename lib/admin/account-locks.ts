import { codeStepKey } from "../auth/code-steps";
import { passwordStepKeys } from "../auth/password-step";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Every lock failed attempts can put on an account, with when each ends (null: not locked). */
export type AccountLocks = {
  /** Browsers without the user's device cookie, at the password step (ADR 0004). */
  passwordUntrustedUntil: Date | null;
  /** The user's own browsers (device cookies) locked by their own failures: how many, and the last end. */
  passwordDevicesLocked: number;
  passwordDevicesUntil: Date | null;
  /** Security and backup codes after the password. */
  codeStepUntil: Date | null;
};

type LockedAccount = { id: string; email: string; deviceIds: string[] };

/** The rate-limit rows behind an account's locks: what Unlock deletes. */
export function accountLockKeys(account: LockedAccount): { untrusted: string[]; devices: string[]; codeStep: string } {
  return {
    untrusted: [passwordStepKeys.untrusted(account.email), passwordStepKeys.untrustedCap(account.email)],
    devices: account.deviceIds.map((deviceId) => passwordStepKeys.device(deviceId)),
    codeStep: codeStepKey(account.id),
  };
}

export function allAccountLockKeys(account: LockedAccount): string[] {
  const keys = accountLockKeys(account);
  return [...keys.untrusted, ...keys.devices, keys.codeStep];
}

/** The latest end among an account's locks, or null when nothing is locked. */
export function lockedUntilOf(locks: AccountLocks): Date | null {
  const ends = [locks.passwordUntrustedUntil, locks.passwordDevicesUntil, locks.codeStepUntil].filter((end): end is Date => end !== null);
  return ends.length > 0 ? new Date(Math.max(...ends.map((end) => end.getTime()))) : null;
}

/** The accounts' devices, with or without a transaction (Unlock reads them inside its own). */
export async function withDeviceIds(options: {
  accounts: { id: string; email: string }[];
  client?: Prisma.TransactionClient;
}): Promise<LockedAccount[]> {
  const devices = await (options.client ?? db).deviceCookie.findMany({
    where: { userId: { in: options.accounts.map((account) => account.id) } },
    select: { id: true, userId: true },
  });
  return options.accounts.map((account) => ({ ...account, deviceIds: devices.filter((device) => device.userId === account.id).map((device) => device.id) }));
}

/** Locks for a page of accounts: two queries however many accounts. */
export async function findAccountLocks(options: { accounts: { id: string; email: string }[]; now: Date }): Promise<Map<string, AccountLocks>> {
  const accounts = await withDeviceIds({ accounts: options.accounts });
  const rows = await db.rateLimit.findMany({
    where: { key: { in: accounts.flatMap(allAccountLockKeys) }, lockedUntil: { gt: options.now } },
    select: { key: true, lockedUntil: true },
  });
  const endOf = new Map(rows.map((row) => [row.key, row.lockedUntil!]));
  const latest = (keys: string[]) => {
    const ends = keys.flatMap((key) => endOf.get(key) ?? []);
    return ends.length > 0 ? new Date(Math.max(...ends.map((end) => end.getTime()))) : null;
  };
  return new Map(
    accounts.map((account) => {
      const keys = accountLockKeys(account);
      const locks: AccountLocks = {
        passwordUntrustedUntil: latest(keys.untrusted),
        passwordDevicesLocked: keys.devices.filter((key) => endOf.has(key)).length,
        passwordDevicesUntil: latest(keys.devices),
        codeStepUntil: latest([keys.codeStep]),
      };
      return [account.id, locks];
    }),
  );
}
