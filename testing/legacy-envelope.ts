import { createCipheriv, randomBytes } from "node:crypto";
import { keyIdOf } from "../lib/crypto/secret-box";

/**
 * For tests only: an envelope as the v1 format wrote it before issue 13, where only the header
 * `v1.<keyId>` was the AES-GCM additional data (no user id, no column). secret-box.ts no longer
 * writes these; it still opens them, and key rotation rewrites them as v2.
 */
export function sealLegacyV1(options: { plaintext: string; key: Buffer }): string {
  const header = `v1.${keyIdOf(options.key)}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", options.key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(header, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(options.plaintext, "utf8"), cipher.final()]);
  return [header, ...[iv, ciphertext, cipher.getAuthTag()].map((bytes) => bytes.toString("base64url"))].join(".");
}
