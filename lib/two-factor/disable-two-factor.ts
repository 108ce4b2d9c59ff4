import { endSessions } from "../auth/end-session";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";

/**
 * Inside a transaction: deletes the key, every passkey and every backup code and ends the user's sessions but
 * `exceptSessionId` (all of them without it). False, with nothing changed, if it was off.
 */
export async function removeTwoFactor(transaction: Prisma.TransactionClient, options: { userId: string; exceptSessionId?: string }): Promise<boolean> {
  const removed = await transaction.twoFactor.deleteMany({ where: { userId: options.userId, enabledAt: { not: null } } });
  if (removed.count !== 1) return false;
  await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
  // Two-factor authentication is on exactly while a second factor exists: off, none is left.
  await transaction.passkey.deleteMany({ where: { userId: options.userId } });
  await endSessions({ ...options, transaction });
  return true;
}

/** Turns two-factor authentication off: the key, every passkey and every backup code are deleted, other sessions end. */
export async function disableTwoFactor(options: { userId: string; sessionId: string; context: RequestContext }) {
  // Sessions end only if this call really turned it off (not when it was already off).
  const removed = await db.$transaction(async (transaction) => {
    if (!(await removeTwoFactor(transaction, { userId: options.userId, exceptSessionId: options.sessionId }))) return false;
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "two_factor_disabled", context: options.context, transaction });
    return true;
  });
  return { ok: removed };
}
