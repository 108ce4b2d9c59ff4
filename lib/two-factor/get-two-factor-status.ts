import { db } from "../db";

/** A used code of the current set: its number (null in a set made before numbering) and when. */
export type UsedBackupCode = { position: number | null; usedAt: Date };

export type TwoFactorStatus = {
  enabled: boolean;
  /** An authenticator app's key is set (two-factor authentication may be on with passkeys alone). */
  authenticatorApp: boolean;
  hasBackupCodeSet: boolean;
  remainingBackupCodes: number;
  /** By number, then by time: the help page asks users to know which codes are still unused. */
  usedBackupCodes: UsedBackupCode[];
};

export async function getTwoFactorStatus(options: { userId: string }): Promise<TwoFactorStatus> {
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, backupCodeSalt: true, secretEncrypted: true },
  });
  const enabled = Boolean(twoFactor?.enabledAt);
  // One set holds ten rows: reading them costs no more than counting them.
  const codes = enabled ? await db.backupCode.findMany({ where: { userId: options.userId }, select: { position: true, usedAt: true } }) : [];
  const usedBackupCodes = codes
    .flatMap((code) => (code.usedAt ? [{ position: code.position, usedAt: code.usedAt }] : []))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.usedAt.getTime() - b.usedAt.getTime());
  return {
    enabled,
    authenticatorApp: Boolean(enabled && twoFactor?.secretEncrypted),
    hasBackupCodeSet: Boolean(enabled && twoFactor?.backupCodeSalt),
    remainingBackupCodes: codes.length - usedBackupCodes.length,
    usedBackupCodes,
  };
}
