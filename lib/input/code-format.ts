/**
 * The format of the codes people type: read by the server's normaliser (`normalizeCode`)
 * and by the browser's auto-submit (components/forms/code-form.tsx), so the two can never
 * disagree. No imports: it ships to the browser as it is.
 */

/** A security code from an authenticator app (RFC 6238 §5.3, the "6 digits" every app shows). */
export const securityCodeDigits = 6;
/** A single-use backup code (SPEC 1.2: ten codes of eight digits). */
export const backupCodeDigits = 8;
export type CodeDigits = typeof securityCodeDigits | typeof backupCodeDigits;

// White space (incl. ideographic space U+3000), hyphen-minus and the Unicode
// hyphens and dashes U+2010–U+2015, U+2212 (minus), U+FF0D (full-width
// hyphen-minus, already "-" after NFKC), and zero-width characters
// (U+200B–U+200D, U+2060, U+FEFF) that copy-paste brings along. The katakana
// long vowel mark "ー" is not a dash and stays, so it makes the input invalid.
const separators = /[\p{White_Space}\-\u2010-\u2015\u2212\uFF0D\u200B-\u200D\u2060\uFEFF]/gu;
const decimalDigit = /\p{Nd}/u;
const decimalDigits = /\p{Nd}/gu;

/** One typed character that counts as a digit of a code: any script's decimal digit (١, १, ４). */
export function isCodeDigit(character: string): boolean {
  return /^\p{Nd}$/u.test(character.normalize("NFKC"));
}

/**
 * What is left of a typed code once separators go and every digit becomes ASCII:
 * full-width digits and the digits of any script count (people type on their own
 * keyboards: ١٢٣, १२३). Anything else stays, so the caller can refuse it.
 */
export function stripCodeInput(input: string): string {
  return input
    .normalize("NFKC")
    .replace(separators, "")
    .replace(decimalDigits, (digit) => String(decimalDigitValue(digit)));
}

/** Whether the typed value is a whole code of `digits` digits (the browser submits it then). */
export function isCompleteCode(input: string, digits: CodeDigits): boolean {
  const code = stripCodeInput(input);
  return code.length === digits && /^[0-9]+$/.test(code);
}

export type NormalizeCodeResult =
  | { ok: true; code: string }
  | { ok: false; reason: "empty" | "too_long" | "invalid" | "wrong_length" };

// Far above any plausible way of typing 8 digits with separators; refusing
// longer input first keeps a 100 kB POST from being normalised at all.
const maxInputLength = 64;

/** Turns what a person typed or pasted into a code of ASCII digits, or says why it is not one. */
export function normalizeCode({ input, digits }: { input: unknown; digits: CodeDigits }): NormalizeCodeResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  if (input.length > maxInputLength) return { ok: false, reason: "too_long" };
  const code = stripCodeInput(input);
  if (code === "") return { ok: false, reason: "empty" };
  if (!/^[0-9]+$/.test(code)) return { ok: false, reason: "invalid" };
  if (code.length !== digits) return { ok: false, reason: "wrong_length" };
  return { ok: true, code };
}

/**
 * Unicode encodes every decimal digit (Nd) in contiguous runs of ten, 0 to 9
 * (Unicode Standard §4.6, a stability policy), so a digit's value is its
 * offset from the start of its run of adjacent Nd code points, modulo 10.
 */
function decimalDigitValue(digit: string): number {
  const codePoint = digit.codePointAt(0) as number;
  let runStart = codePoint;
  while (decimalDigit.test(String.fromCodePoint(runStart - 1))) runStart -= 1;
  return (codePoint - runStart) % 10;
}
