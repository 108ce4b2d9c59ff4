import { argon2NeedsRehash, HashQueueBusyError } from "../crypto/argon2";
import { db } from "../db";
import { hashPassword } from "./password-hash";

/**
 * After a password was verified: a hash made with older argon2 parameters is replaced by one
 * with the current ones (ADR 0008), at the cost of one more argon2 computation, once per
 * account; likewise a hash of the password as typed, from before passwords were stored in NFKC
 * form (`notNormalized`, ADR 0016). The write is conditional on the hash still being the one that was verified, so a
 * concurrent sign-in or password change is never overwritten. True when this call replaced it.
 */
export async function upgradePasswordHash(options: { userId: string; verifiedHash: string; password: string; notNormalized?: boolean }): Promise<boolean> {
  if (!options.notNormalized && !argon2NeedsRehash(options.verifiedHash)) return false;
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(options.password);
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
