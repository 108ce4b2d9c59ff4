import { argon2Hash, argon2NeedsRehash, HashQueueBusyError } from "../crypto/argon2";
import { db } from "../db";

/**
 * After a password was verified: a hash made with older argon2 parameters is replaced by one
 * with the current ones (ADR 0008), at the cost of one more argon2 computation, once per
 * account. The write is conditional on the hash still being the one that was verified, so a
 * concurrent sign-in or password change is never overwritten. True when this call replaced it.
 */
export async function upgradePasswordHash(options: { userId: string; verifiedHash: string; password: string }): Promise<boolean> {
  if (!argon2NeedsRehash(options.verifiedHash)) return false;
  let passwordHash: string;
  try {
    passwordHash = await argon2Hash(options.password);
  } catch (error) {
    // A full hash queue must not fail a sign-in whose password matched: the next one upgrades.
    if (error instanceof HashQueueBusyError) return false;
    throw error;
  }
  const replaced = await db.user.updateMany({
    where: { id: options.userId, passwordHash: options.verifiedHash },
    data: { passwordHash },
  });
  return replaced.count === 1;
}
