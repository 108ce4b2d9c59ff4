import { isSealedWithCurrentKey, type Keyring, openSecret, sealSecret } from "../crypto/secret-box";
import { db } from "../db";

const batchSize = 200;

/**
 * Re-encrypts every TOTP secret (enabled and pending) that is not sealed with the current key
 * in the current envelope version: legacy v1 envelopes (bound to the key id only) become v2,
 * bound to their user and column. Each row is rewritten only if it still holds the envelope that was read, so a user
 * enabling or disabling meanwhile is never overwritten. Safe to run again: sealed rows are skipped.
 */
export async function rotateEncryptionKey(options: { keyring: Keyring }): Promise<{ checked: number; resealed: number }> {
  let checked = 0;
  let resealed = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.twoFactor.findMany({
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { userId: cursor } } : {}),
      orderBy: { userId: "asc" },
      select: { userId: true, secretEncrypted: true, pendingSecretEncrypted: true },
    });
    if (rows.length === 0) return { checked, resealed };
    for (const row of rows) {
      checked += 1;
      for (const column of ["secretEncrypted", "pendingSecretEncrypted"] as const) {
        const envelope = row[column];
        if (!envelope || isSealedWithCurrentKey({ envelope, keyring: options.keyring })) continue;
        const binding = { userId: row.userId, column };
        const plaintext = openSecret({ envelope, keyring: options.keyring, binding });
        const updated = await db.twoFactor.updateMany({
          where: { userId: row.userId, [column]: envelope },
          data: { [column]: sealSecret({ plaintext, keyring: options.keyring, binding }) },
        });
        resealed += updated.count;
      }
    }
    cursor = rows[rows.length - 1].userId;
  }
}
