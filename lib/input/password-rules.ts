export type CheckNewPasswordResult =
  | { ok: true; password: string }
  | { ok: false; reason: "empty" | "too_short" | "too_long" | "invalid" };

// NIST SP 800-63B §5.1.1.2: at least 8 characters, and verifiers SHOULD allow
// at least 64. The cap bounds the cost of hashing what a client sends.
export const passwordMinLength = 8;
export const passwordMaxLength = 128;

// NUL is cut off by some C libraries and tools; a lone surrogate cannot be
// encoded as UTF-8, so two different strings would hash the same.
const forbiddenCharacters = /[\0\p{Cs}]/u;

/**
 * Lengths count Unicode code points, as NIST SP 800-63B asks. The password is
 * never trimmed or normalised: what was typed is what gets hashed.
 */
export function checkNewPassword(input: unknown): CheckNewPasswordResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  if (input === "") return { ok: false, reason: "empty" };
  // A code point is at most two UTF-16 units: this refuses huge input before
  // walking it, and never refuses a password of 128 code points.
  if (input.length > passwordMaxLength * 2) return { ok: false, reason: "too_long" };
  if (forbiddenCharacters.test(input)) return { ok: false, reason: "invalid" };
  const codePointCount = [...input].length;
  if (codePointCount < passwordMinLength) return { ok: false, reason: "too_short" };
  if (codePointCount > passwordMaxLength) return { ok: false, reason: "too_long" };
  return { ok: true, password: input };
}
