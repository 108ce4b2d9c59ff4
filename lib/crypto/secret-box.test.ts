import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealLegacyV1 } from "../../testing/legacy-envelope";
import {
  isSealedWithCurrentKey,
  keyIdOf,
  openSecret,
  parseKeyringFromEnv,
  sealSecret,
  SecretBoxError,
  type Keyring,
} from "./secret-box";

const plaintext = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const keyring: Keyring = { current: newKey, previous: [oldKey] };
const binding = { userId: "0b8f7c52-3c1e-4f7a-9d55-6f1e2a9b0c11", column: "secretEncrypted" };
const seal = (options: { plaintext: string; keyring: Keyring }) => sealSecret({ ...options, binding });
const open = (options: { envelope: string; keyring: Keyring }) => openSecret({ ...options, binding });

/** Flips one bit in the decoded bytes of envelope part `index`, keeping the encoding canonical. */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[index] as string, "base64url");
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("keyIdOf", () => {
  it("is the first 8 hex characters of the key's SHA-256", () => {
    expect(keyIdOf(newKey)).toBe(createHash("sha256").update(newKey).digest("hex").slice(0, 8));
    expect(keyIdOf(newKey)).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe("sealSecret / openSecret", () => {
  it("round-trips and writes the documented envelope", () => {
    const envelope = seal({ plaintext, keyring });
    expect(envelope).toMatch(new RegExp(`^v2\\.${keyIdOf(newKey)}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$`));
    expect(envelope).not.toContain(plaintext);
    expect(open({ envelope, keyring })).toBe(plaintext);
  });

  it("uses a fresh IV each time", () => {
    const first = seal({ plaintext, keyring });
    const second = seal({ plaintext, keyring });
    expect(first.split(".")[2]).not.toBe(second.split(".")[2]);
    expect(first).not.toBe(second);
  });

  it("round-trips non-ASCII text", () => {
    const envelope = seal({ plaintext: "秘密🔑", keyring });
    expect(open({ envelope, keyring })).toBe("秘密🔑");
  });

  it.each([
    ["iv", 2],
    ["ciphertext", 3],
    ["tag", 4],
  ])("detects a tampered %s", (_part, index) => {
    const envelope = tamper(seal({ plaintext, keyring }), index);
    expect(() => open({ envelope, keyring })).toThrow(SecretBoxError);
    expect(() => open({ envelope, keyring })).toThrow(/failed authentication/);
  });

  it("detects a key id changed to another key of the keyring", () => {
    const envelope = seal({ plaintext, keyring }).replace(keyIdOf(newKey), keyIdOf(oldKey));
    expect(() => open({ envelope, keyring })).toThrow(/failed authentication/);
  });

  it("refuses an envelope whose key id was not authenticated with it", () => {
    // Same key, IV and layout as sealSecret, but without the header as AAD.
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", newKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const encoded = [iv, ciphertext, cipher.getAuthTag()].map((bytes) => bytes.toString("base64url"));
    const envelope = ["v2", keyIdOf(newKey), ...encoded].join(".");
    expect(() => open({ envelope, keyring })).toThrow(/failed authentication/);
  });

  it("refuses an envelope copied to another user's row", () => {
    const envelope = seal({ plaintext, keyring });
    const otherUser = { userId: "5d2c9a10-7e4b-4c3f-8a61-2b9e0f4d7a22", column: binding.column };
    expect(() => openSecret({ envelope, keyring, binding: otherUser })).toThrow(/failed authentication/);
  });

  it("refuses an envelope moved to another column of the same row", () => {
    const envelope = seal({ plaintext, keyring });
    expect(() => openSecret({ envelope, keyring, binding: { ...binding, column: "pendingSecretEncrypted" } })).toThrow(
      /failed authentication/,
    );
  });

  it("refuses a bound envelope relabelled as the legacy v1 format", () => {
    const envelope = seal({ plaintext, keyring }).replace(/^v2/, "v1");
    expect(() => open({ envelope, keyring })).toThrow(/failed authentication/);
  });

  it("still opens a legacy v1 envelope (bound to its key id only), for keys:rotate to upgrade", () => {
    const envelope = sealLegacyV1({ plaintext, key: oldKey });
    expect(open({ envelope, keyring })).toBe(plaintext);
    expect(openSecret({ envelope, keyring, binding: { userId: "any", column: "any" } })).toBe(plaintext);
  });

  it("opens a secret sealed with a previous key", () => {
    const envelope = seal({ plaintext, keyring: { current: oldKey, previous: [] } });
    expect(open({ envelope, keyring })).toBe(plaintext);
  });

  it("throws a SecretBoxError naming the key id when the key is unknown", () => {
    const stranger = randomBytes(32);
    const envelope = seal({ plaintext, keyring: { current: stranger, previous: [] } });
    expect(() => open({ envelope, keyring })).toThrow(SecretBoxError);
    expect(() => open({ envelope, keyring })).toThrow(keyIdOf(stranger));
  });

  it.each([
    ["empty", ""],
    ["another version", seal({ plaintext, keyring }).replace(/^v2/, "v3")],
    ["too few parts", seal({ plaintext, keyring }).split(".").slice(0, 4).join(".")],
    ["too many parts", `${seal({ plaintext, keyring })}.AAAA`],
    ["a key id that is not 8 hex characters", seal({ plaintext, keyring }).replace(keyIdOf(newKey), "XYZ")],
    ["a short IV", tamperLength(2, 11)],
    ["a short tag", tamperLength(4, 12)],
    ["characters outside base64url", seal({ plaintext, keyring }).replace(/\.([^.]+)$/, ".+/+/+/+/+/+/+/+/+/+/+/")],
    ["a non-canonical encoding", nonCanonicalTag()],
  ])("throws a SecretBoxError for a malformed envelope: %s", (_case, envelope) => {
    expect(() => open({ envelope, keyring })).toThrow(SecretBoxError);
    expect(() => open({ envelope, keyring })).toThrow(/Malformed sealed secret/);
  });
});

function tamperLength(index: number, lengthBytes: number): string {
  const parts = seal({ plaintext, keyring }).split(".");
  parts[index] = randomBytes(lengthBytes).toString("base64url");
  return parts.join(".");
}

/** The last character of a 16-byte base64url value carries 4 unused bits: setting one decodes to the same bytes. */
function nonCanonicalTag(): string {
  const parts = seal({ plaintext, keyring }).split(".");
  const tag = parts[4] as string;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const lastValue = alphabet.indexOf(tag.at(-1) as string);
  parts[4] = tag.slice(0, -1) + alphabet[lastValue ^ 0b0001];
  return parts.join(".");
}

describe("isSealedWithCurrentKey", () => {
  it("tells envelopes of the current key from those of a previous one", () => {
    expect(isSealedWithCurrentKey({ envelope: seal({ plaintext, keyring }), keyring })).toBe(true);
    const old = seal({ plaintext, keyring: { current: oldKey, previous: [] } });
    expect(isSealedWithCurrentKey({ envelope: old, keyring })).toBe(false);
  });

  it("counts a legacy v1 envelope of the current key as not current: rotation rewrites it as v2", () => {
    expect(isSealedWithCurrentKey({ envelope: sealLegacyV1({ plaintext, key: newKey }), keyring })).toBe(false);
  });

  it("throws a SecretBoxError for a malformed envelope", () => {
    expect(() => isSealedWithCurrentKey({ envelope: "plain-text-secret", keyring })).toThrow(SecretBoxError);
  });
});

describe("parseKeyringFromEnv", () => {
  const currentText = newKey.toString("base64");
  const oldText = oldKey.toString("base64");

  it("reads the current key and a comma-separated list of previous keys", () => {
    const third = randomBytes(32);
    const parsed = parseKeyringFromEnv({ current: currentText, previous: ` ${oldText} , ${third.toString("base64")}` });
    expect(parsed.current).toEqual(newKey);
    expect(parsed.previous).toEqual([oldKey, third]);
  });

  it("treats an unset or empty previous list as no previous keys", () => {
    expect(parseKeyringFromEnv({ current: currentText, previous: undefined }).previous).toEqual([]);
    expect(parseKeyringFromEnv({ current: currentText, previous: "" }).previous).toEqual([]);
  });

  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["not base64", "this is not base64 at all!!"],
    ["base64 with stray characters", `${currentText.slice(0, 20)}*${currentText.slice(20)}`],
  ])("names TOTP_ENCRYPTION_KEY when the current key is %s", (_case, current) => {
    expect(() => parseKeyringFromEnv({ current, previous: undefined })).toThrow(SecretBoxError);
    expect(() => parseKeyringFromEnv({ current, previous: undefined })).toThrow(/^TOTP_ENCRYPTION_KEY /);
  });

  it("names TOTP_ENCRYPTION_KEY_PREVIOUS and the entry when a previous key is malformed", () => {
    const previous = `${oldText},${randomBytes(31).toString("base64")}`;
    expect(() => parseKeyringFromEnv({ current: currentText, previous })).toThrow(SecretBoxError);
    expect(() => parseKeyringFromEnv({ current: currentText, previous })).toThrow(
      /^TOTP_ENCRYPTION_KEY_PREVIOUS \(entry 2\)/,
    );
  });

  it("does not echo the malformed value", () => {
    const current = randomBytes(31).toString("base64");
    expect(() => parseKeyringFromEnv({ current, previous: undefined })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(current) }),
    );
  });
});
