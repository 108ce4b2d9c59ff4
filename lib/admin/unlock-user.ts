import { db } from "../db";
import type { RequestContext } from "../security/record-event";
import { allAccountLockKeys, withDeviceIds } from "./account-locks";
import { appendAuditEntry, isUuid, lockActingAdmin } from "./audit-log";

export type UnlockUserResult = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | "not_locked" };

/**
 * Lifts every lock failed attempts put on an account — the password step's for other browsers,
 * each of the user's own browsers', and the code step's — in one transaction with one audit
 * entry. The counters are deleted, so their growing waits start over too.
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
    const [account] = await withDeviceIds({ accounts: [target], client: tx });
    const keys = allAccountLockKeys(account);
    if ((await tx.rateLimit.count({ where: { key: { in: keys }, lockedUntil: { gt: now } } })) === 0) return { ok: false, reason: "not_locked" };
    await tx.rateLimit.deleteMany({ where: { key: { in: keys } } });
    await appendAuditEntry(tx, { action: "account_unlocked", actor, target, context: options.context });
    return { ok: true };
  });
}
