import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { hashBackupCode } from "../two-factor/backup-codes";

/**
 * The backup-code step: one argon2 computation with the set's salt, then one conditional
 * write that marks the code used only if it still is unused — two requests with one code
 * let in exactly one.
 */
export async function verifyBackupCodeStep(options: {
  userId: string;
  code: string;
  context: RequestContext;
}): Promise<{ ok: boolean }> {
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, backupCodeSalt: true },
  });
  const consumed =
    twoFactor?.enabledAt && twoFactor.backupCodeSalt
      ? await db.backupCode.updateMany({
          where: {
            userId: options.userId,
            codeHash: await hashBackupCode({ code: options.code, salt: twoFactor.backupCodeSalt }),
            usedAt: null,
          },
          data: { usedAt: new Date() },
        })
      : { count: 0 };
  if (consumed.count !== 1) {
    await recordSecurityEvent({ userId: options.userId, type: "sign_in_failed_code", context: options.context });
    return { ok: false };
  }
  await recordSecurityEvent({ userId: options.userId, type: "backup_code_used", context: options.context });
  return { ok: true };
}
