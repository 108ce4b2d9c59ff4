import { db } from "../db";

export type TwoFactorStatus = {
  enabled: boolean;
  hasBackupCodeSet: boolean;
  remainingBackupCodes: number;
};

export async function getTwoFactorStatus(options: { userId: string }): Promise<TwoFactorStatus> {
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, backupCodeSalt: true },
  });
  const enabled = Boolean(twoFactor?.enabledAt);
  const remainingBackupCodes = enabled
    ? await db.backupCode.count({ where: { userId: options.userId, usedAt: null } })
    : 0;
  return { enabled, hasBackupCodeSet: Boolean(enabled && twoFactor?.backupCodeSalt), remainingBackupCodes };
}
