import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Keys that encrypt TOTP secrets at rest: new envelopes use `current`; `previous` keys only decrypt (rotation). */
export type Keyring = { current: Buffer; previous: Buffer[] };

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/** v2 binds the envelope to where it is stored; v1 (key id only) still opens, for `keys:rotate` to upgrade. */
const envelopeVersion = "v2";
const legacyEnvelopeVersion = "v1";
const keyLengthBytes = 32; // AES-256
const ivLengthBytes = 12; // 96 bits, the IV length NIST SP 800-38D recommends for GCM
const tagLengthBytes = 16; // full 128-bit tag; set explicitly so a truncated tag is refused
const keyIdPattern = /^[0-9a-f]{8}$/;
const base64UrlPattern = /^[A-Za-z0-9_-]*$/;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const keyFormatHint = `the base64 encoding of exactly ${keyLengthBytes} random bytes (openssl rand -base64 ${keyLengthBytes})`;

/** Names a key in envelopes without revealing it: first 8 hex characters of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/**
 * Where an envelope is stored: the row's owner and the column. It is authenticated with the
 * ciphertext, so an envelope copied to another user's row, or from the pending column to the
 * enabled one, fails to open instead of handing that row someone else's secret.
 */
export type SecretBinding = { userId: string; column: string };

/** `v2.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), with a fresh random IV each time. */
export function sealSecret({ plaintext, keyring, binding }: { plaintext: string; keyring: Keyring; binding: SecretBinding }): string {
  const keyId = keyIdOf(keyring.current);
  const iv = randomBytes(ivLengthBytes);
  const cipher = createCipheriv("aes-256-gcm", keyring.current, iv, { authTagLength: tagLengthBytes });
  // The header and the binding are authenticated data: an envelope cannot be relabelled to
  // another key or version, nor moved to another row or column.
  cipher.setAAD(additionalData({ version: envelopeVersion, keyId, binding }));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const encodedParts = [iv, ciphertext, cipher.getAuthTag()].map((bytes) => bytes.toString("base64url"));
  return [envelopeVersion, keyId, ...encodedParts].join(".");
}

/** Opens a v2 envelope stored at `binding`, or a legacy v1 envelope (bound to its key id only). */
export function openSecret({ envelope, keyring, binding }: { envelope: string; keyring: Keyring; binding: SecretBinding }): string {
  const { version, keyId, iv, ciphertext, tag } = parseEnvelope(envelope);
  const key = [keyring.current, ...keyring.previous].find((candidate) => keyIdOf(candidate) === keyId);
  if (key === undefined) {
    throw new SecretBoxError(
      `The secret was sealed with key ${keyId}, which is neither TOTP_ENCRYPTION_KEY nor in TOTP_ENCRYPTION_KEY_PREVIOUS.`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: tagLengthBytes });
  decipher.setAAD(additionalData({ version, keyId, binding }));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "The sealed secret failed authentication: it was altered, moved from another row or column, or sealed with a different key.",
    );
  }
}

/** A JSON array, so that no user id or column name can be crafted to read as another pair. */
function additionalData(options: { version: string; keyId: string; binding: SecretBinding }): Buffer {
  if (options.version === legacyEnvelopeVersion) return Buffer.from(`${legacyEnvelopeVersion}.${options.keyId}`, "utf8");
  return Buffer.from(JSON.stringify([options.version, options.keyId, options.binding.userId, options.binding.column]), "utf8");
}

/**
 * Whether `keys:rotate` can leave this envelope alone: the current key and the current (bound)
 * version. Throws a SecretBoxError on a malformed envelope.
 */
export function isSealedWithCurrentKey({ envelope, keyring }: { envelope: string; keyring: Keyring }): boolean {
  const { version, keyId } = parseEnvelope(envelope);
  return version === envelopeVersion && keyId === keyIdOf(keyring.current);
}

export function parseKeyringFromEnv({ current, previous }: { current: string | undefined; previous: string | undefined }): Keyring {
  if (current === undefined || current.trim() === "") {
    throw new SecretBoxError(`TOTP_ENCRYPTION_KEY is not set: it must be ${keyFormatHint}.`);
  }
  return {
    current: parseKey({ value: current, variableName: "TOTP_ENCRYPTION_KEY" }),
    previous: (previous ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
      .map((entry, index) => parseKey({ value: entry, variableName: `TOTP_ENCRYPTION_KEY_PREVIOUS (entry ${index + 1})` })),
  };
}

function parseKey({ value, variableName }: { value: string; variableName: string }): Buffer {
  const trimmed = value.trim();
  const key = Buffer.from(trimmed, "base64");
  // Buffer.from skips characters that are not base64, so check the text itself too.
  if (!base64Pattern.test(trimmed) || key.length !== keyLengthBytes) {
    // The value itself is never echoed: it may be a real key with a typo.
    throw new SecretBoxError(`${variableName} is malformed: it must be ${keyFormatHint}.`);
  }
  return key;
}

function parseEnvelope(envelope: string): { version: string; keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const malformed = new SecretBoxError(`Malformed sealed secret: expected ${envelopeVersion}.<keyId>.<iv>.<ciphertext>.<tag>.`);
  const parts = envelope.split(".");
  if (parts.length !== 5) throw malformed;
  const [version, keyId, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  const iv = decodeBase64Url(ivText);
  const ciphertext = decodeBase64Url(ciphertextText);
  const tag = decodeBase64Url(tagText);
  if (
    (version !== envelopeVersion && version !== legacyEnvelopeVersion) ||
    !keyIdPattern.test(keyId) ||
    iv === null ||
    iv.length !== ivLengthBytes ||
    ciphertext === null ||
    tag === null ||
    tag.length !== tagLengthBytes
  ) {
    throw malformed;
  }
  return { version, keyId, iv, ciphertext, tag };
}

/** Strict base64url: null unless the text is exactly the canonical encoding of its bytes. */
function decodeBase64Url(text: string): Buffer | null {
  if (!base64UrlPattern.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}
