export type NormalizeEmailResult =
  | { ok: true; email: string }
  | { ok: false; reason: "empty" | "too_long" | "invalid" | "unmailable_character" };

// RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets including the
// angle brackets, so an address is at most 254 characters.
export const emailMaxLength = 254;

/**
 * Characters that RFC 5321 §4.1.2 allows in a mailbox only inside a quoted local part, and
 * that mail libraries read as list or header syntax: `a,victim@red.test` was sent to
 * victim@red.test. Refused with a message naming them (ADR 0011).
 */
export const unmailableEmailCharacters = `, ; < > ( ) [ ] : \\ "`;
const unmailableCharacters = /[\s,;<>()[\]:\\"]/u;
// Control characters, NUL, invisible format characters (zero-width space …), unassigned
// code points and lone surrogates: they would make two addresses look alike.
const invisibleCharacters = /\p{C}/u;
const invisibleFormatCharacters = /\p{Cf}/u;
// Non-empty labels around at least one dot: "example.com", not "localhost" or "a..b".
const domainPattern = /^[^.]+(\.[^.]+)+$/;

/**
 * One spelling per mailbox, so that an address cannot be registered again in a form that only
 * looks different (ADR 0011): Unicode NFKC (full-width ｖｉｃｔｉｍ → victim, NFD é → é),
 * trimmed, lower-cased, and a dot above left after `i` removed (İnfo → info; ADR 0011).
 * Otherwise deliberately loose (RFC 5322 allows far more than a pattern can check): the
 * address is proven by use, not by syntax — but never holds what a mailer would misread.
 */
export function normalizeEmail(input: unknown): NormalizeEmailResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  // Lower-casing İ (U+0130) gives i + U+0307 COMBINING DOT ABOVE, which renders as "i".
  const email = input.normalize("NFKC").trim().toLowerCase().replace(/i\u0307/g, "i").normalize("NFKC");
  if (email === "") return { ok: false, reason: "empty" };
  if (email.length > emailMaxLength) return { ok: false, reason: "too_long" };
  // Invisible format characters first: JavaScript's \s counts U+FEFF as a space, but to the
  // person who pasted it the address holds no space to remove — "enter an address like …" fits.
  if (invisibleFormatCharacters.test(email)) return { ok: false, reason: "invalid" };
  if (unmailableCharacters.test(email)) return { ok: false, reason: "unmailable_character" };
  const [localPart, domain, ...rest] = email.split("@");
  if (
    rest.length > 0 ||
    localPart === undefined ||
    localPart === "" ||
    domain === undefined ||
    !domainPattern.test(domain) ||
    invisibleCharacters.test(email)
  ) {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, email };
}
