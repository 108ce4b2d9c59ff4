export type NormalizeEmailResult = { ok: true; email: string } | { ok: false; reason: "empty" | "too_long" | "invalid" };

// RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets including the
// angle brackets, so an address is at most 254 characters.
export const emailMaxLength = 254;

// White space, control characters, NUL, and invisible format characters
// (zero-width space …) that would make two addresses look alike.
const forbiddenCharacters = /[\s\p{C}]/u;
// Non-empty labels around at least one dot: "example.com", not "localhost" or "a..b".
const domainPattern = /^[^.]+(\.[^.]+)+$/;

/**
 * Trimmed and lower-cased, otherwise kept as typed: no Unicode normalisation,
 * so the address stored is the one mail is sent to. Deliberately loose
 * (RFC 5322 allows far more than a pattern can check); the address is proven
 * by use, not by syntax.
 */
export function normalizeEmail(input: unknown): NormalizeEmailResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  const email = input.trim().toLowerCase();
  if (email === "") return { ok: false, reason: "empty" };
  if (email.length > emailMaxLength) return { ok: false, reason: "too_long" };
  const [localPart, domain, ...rest] = email.split("@");
  if (
    rest.length > 0 ||
    localPart === undefined ||
    localPart === "" ||
    domain === undefined ||
    !domainPattern.test(domain) ||
    forbiddenCharacters.test(email)
  ) {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, email };
}
