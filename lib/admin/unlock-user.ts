import { db } from "../db";
import type { RequestContext } from "../security/record-event";
import { appendAuditEntry, isUuid, lockActingAdmin } from "./audit-log";
import { codeStepLockKey } from "./code-step-lock";

export type UnlockUserResult = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | "not_locked" };

/**
 * Lifts the lock that failed security or backup codes put on an account: the code-step
 * counter is deleted, so its growing waits start over too.
 */
export async function unlockUser(options: {
  actorId: string;
  targetUserId: string;
  context: RequestContext;
  now?: Date;
}): Promise<UnlockUserResult> {
  if (!isUuid(options.targetUserId)) return { ok: false, reason: "not_found" };
  const now = options.now ?? new Date();
  return db.$transaction(async (tx): Promise<UnlockUserResult> => {
    const actor = await lockActingAdmin(tx, options.actorId);
    if (!actor) return { ok: false, reason: "forbidden" };
    const target = await tx.user.findUnique({ where: { id: options.targetUserId }, select: { id: true, email: true } });
    if (!target) return { ok: false, reason: "not_found" };
    const deleted = await tx.rateLimit.deleteMany({ where: { key: codeStepLockKey(target.id), lockedUntil: { gt: now } } });
    if (deleted.count === 0) return { ok: false, reason: "not_locked" };
    await appendAuditEntry(tx, { action: "account_unlocked", actor, target, context: options.context });
    return { ok: true };
  });
}
