import { withHashQueueRoom } from "../crypto/hash-queue";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { backupCodeRegenerationBudget, rateLimitKey, spendBudget } from "../security/rate-limit";
import type { RequestContext } from "../security/record-event";
import { createBackupCodeSalt, generateBackupCodes, hashBackupCodes } from "./backup-codes";

export type RegenerateBackupCodesResult =
  | { ok: true; codes: string[]; createdAt: Date }
  | { ok: false; reason: "two_factor_off" }
  | { ok: false; reason: "too_soon"; retryAfterSeconds: number };

/**
 * A new set of backup codes. The old set is deleted in the same transaction, so every
 * earlier code dies, used or not. The plain codes are returned once and never stored.
 * A set costs one hash per code: at most one set per user per window (ADR 0010), and a full
 * hash queue refuses the whole set before any hash or use of the budget (HashQueueBusyError).
 */
export async function regenerateBackupCodes(options: { userId: string; context: RequestContext; now?: Date }): Promise<RegenerateBackupCodesResult> {
  const twoFactor = await db.twoFactor.findUnique({ where: { userId: options.userId }, select: { enabledAt: true } });
  if (!twoFactor?.enabledAt) return { ok: false, reason: "two_factor_off" };
  // The queue is checked first (in memory), then the budget: a "busy" costs no use of it.
  const hashed = await withHashQueueRoom(async () => {
    const budget = await spendBudget({ key: rateLimitKey("backup-code-regeneration", options.userId), policy: backupCodeRegenerationBudget, now: options.now });
    if (!budget.ok) return { ok: false as const, reason: "too_soon" as const, retryAfterSeconds: budget.retryAfterSeconds };
    const codes = generateBackupCodes();
    const salt = createBackupCodeSalt();
    return { ok: true as const, codes, salt, codeHashes: await hashBackupCodes({ codes, salt }) };
  });
  if (!hashed.ok) return hashed;
  const { codes, salt, codeHashes } = hashed;
  const createdAt = new Date();
  const stored = await db.$transaction(async (transaction) => {
    const updated = await transaction.twoFactor.updateMany({
      where: { userId: options.userId, enabledAt: { not: null } },
      data: { backupCodeSalt: salt, backupCodesCreatedAt: createdAt },
    });
    // 2FA was turned off between the check and the write: no codes, no event, no mail.
    if (updated.count !== 1) return false;
    await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
    // Numbered 1–10 in the order returned: the screen's numbers and the file's lines (issue 15).
    await transaction.backupCode.createMany({ data: codeHashes.map((codeHash, index) => ({ userId: options.userId, codeHash, position: index + 1, createdAt })) });
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "backup_codes_regenerated", context: options.context, transaction });
    return true;
  });
  if (!stored) return { ok: false, reason: "two_factor_off" };
  return { ok: true, codes, createdAt };
}
