import { type Keyring, openSecret, sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import { isPendingSetupUsable } from "./pending-setup";
import { createTotpSecret } from "./totp";

/**
 * The key shown on the setup screen. Within one session and `pendingSetupTtlSeconds`, leaving
 * and coming back shows the same key (SPEC 1.1.4); another session, or the same one later,
 * gets a new key that replaces it, so a key seen elsewhere can never be verified.
 * Returns null when the account already has an authenticator app. A passkey-only account
 * (two-factor on, no app) gets one too: the app is added beside the passkeys (issue 17).
 */
export async function ensurePendingSetup(options: {
  userId: string;
  sessionId: string;
  keyring: Keyring;
  now?: Date;
}): Promise<{ secret: string } | null> {
  const now = options.now ?? new Date();
  const binding = { userId: options.userId, column: "pendingSecretEncrypted" };
  const existing = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { secretEncrypted: true, pendingSecretEncrypted: true, pendingSessionId: true, pendingCreatedAt: true },
  });
  if (existing?.secretEncrypted) return null;
  if (existing?.pendingSecretEncrypted && isPendingSetupUsable({ pending: existing, sessionId: options.sessionId, now })) {
    return { secret: openSecret({ envelope: existing.pendingSecretEncrypted, keyring: options.keyring, binding }) };
  }
  const pending = {
    pendingSecretEncrypted: sealSecret({ plaintext: createTotpSecret(), keyring: options.keyring, binding }),
    pendingSessionId: options.sessionId,
    pendingCreatedAt: now,
  };
  // Two tabs of one session opening the screen at once: the first write wins and both show its key.
  const created = await db.twoFactor.createMany({
    data: { userId: options.userId, ...pending },
    skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING: Prisma's upsert with `update: {}` is read-then-insert.
  });
  if (created.count === 0) {
    // Replaces only the key that was read (or its absence), so a concurrent replacement is not overwritten.
    await db.twoFactor.updateMany({
      where: { userId: options.userId, secretEncrypted: null, pendingSecretEncrypted: existing?.pendingSecretEncrypted ?? null },
      data: pending,
    });
  }
  return ensurePendingSetup({ ...options, now });
}
