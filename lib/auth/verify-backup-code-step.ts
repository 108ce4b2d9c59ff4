import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { hashBackupCode } from "../two-factor/backup-codes";
import { type CodeStepResult, guardCodeStep } from "./guard-code-step";

/**
 * The backup-code step: one argon2 computation with the set's salt, then one conditional
 * write that marks the code used only if it still is unused — two requests with one code
 * let in exactly one.
 */
export async function verifyBackupCodeStep(options: {
  userId: string;
  code: string;
  context: RequestContext;
  /** For a sign-in: when its password step passed (guardCodeStep). */
  passwordStepAt?: Date;
  now?: Date;
}): Promise<CodeStepResult> {
  const result = await guardCodeStep({
    userId: options.userId,
    context: options.context,
    passwordStepAt: options.passwordStepAt,
    now: options.now,
    check: async (twoFactor) => {
      if (!twoFactor.backupCodeSalt) return false;
      const consumed = await db.backupCode.updateMany({
        where: {
          userId: options.userId,
          codeHash: await hashBackupCode({ code: options.code, salt: twoFactor.backupCodeSalt }),
          usedAt: null,
        },
        data: { usedAt: new Date() },
      });
      return consumed.count === 1;
    },
  });
  if (result.ok) {
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "backup_code_used", context: options.context });
  }
  return result;
}
