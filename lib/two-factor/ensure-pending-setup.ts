import { type Keyring, openSecret, sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import { createTotpSecret } from "./totp";

/**
 * The key shown on the setup screen. It is created on the first visit and kept until it is
 * verified or replaced, so reloading or scanning twice shows the same key (SPEC 1.1.4).
 * Returns null when two-factor authentication is already on.
 */
export async function ensurePendingSetup(options: { userId: string; keyring: Keyring }): Promise<{ secret: string } | null> {
  const existing = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, pendingSecretEncrypted: true },
  });
  if (existing?.enabledAt) return null;
  if (existing?.pendingSecretEncrypted) {
    return { secret: openSecret({ envelope: existing.pendingSecretEncrypted, keyring: options.keyring }) };
  }
  const pendingSecretEncrypted = sealSecret({ plaintext: createTotpSecret(), keyring: options.keyring });
  // Two tabs opening the screen at once: the first write wins and both show its key.
  await db.twoFactor.createMany({
    data: { userId: options.userId, pendingSecretEncrypted, pendingCreatedAt: new Date() },
    skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING: Prisma's upsert with `update: {}` is read-then-insert.
  });
  await db.twoFactor.updateMany({
    where: { userId: options.userId, enabledAt: null, pendingSecretEncrypted: null },
    data: { pendingSecretEncrypted, pendingCreatedAt: new Date() },
  });
  return ensurePendingSetup(options);
}
