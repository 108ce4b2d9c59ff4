import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export type CheckNewPasswordResult =
  | { ok: true; password: string }
  | { ok: false; reason: "empty" | "too_short" | "too_long" | "invalid" | "too_common" | "personal"; min?: number };

// NIST SP 800-63B rev 4 §3.1.1.2: at least 15 characters for a password used alone, 8 when it
// is one of two factors; verifiers SHOULD allow at least 64. The cap bounds the cost of hashing
// what a client sends (and of the strength estimate).
export const passwordMinLengthWithSecondFactor = 8;
export const passwordMinLengthAlone = 15;
/** The shortest any rule accepts (a password checked at log in is never refused for being shorter). */
export const passwordMinLength = passwordMinLengthWithSecondFactor;
export const passwordMaxLength = 128;

/**
 * Fewer estimated guesses than this (zxcvbn's scores 0–2) is "too common": the shipped lists of
 * common passwords and words, keyboard walks, repeats, sequences and dates (ASVS 6.2.4).
 */
const minimumGuesses = 1e8;

// NUL is cut off by some C libraries and tools; a lone surrogate cannot be
// encoded as UTF-8, so two different strings would hash the same.
const forbiddenCharacters = /[\0\p{Cs}]/u;

export type NewPasswordOptions = {
  /** The account has a second factor: 8 characters are enough (else 15). */
  secondFactor?: boolean;
  /** The account's address (and the app's name): a password built from them is refused. */
  email?: string;
  appName?: string;
};

/** The form that is hashed and compared: NFKC, so full-width and half-width typing are one password (ADR 0018). */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/**
 * The estimate reads this many characters: past it the matchers' cost grows fast (128 took
 * 0.7 s here, 64 about 25 ms), and a strong beginning is strong whatever follows.
 */
const estimatedCharacters = 64;

let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  // Built on first use (about 80 ms): log-in pages never need it.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: estimatedCharacters });
  return estimator;
}

let commonPasswords: Set<string> | undefined;
/**
 * At log in: is this password itself on the shipped list of common passwords? A set lookup,
 * not an estimate, so a sign-in pays no more than a microsecond for it.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords.has(normalizePassword(password).toLowerCase());
}

/** The pieces of the address and the name a password may not be built from. */
function personalWords(options: NewPasswordOptions): string[] {
  const email = options.email?.toLowerCase();
  const words = [email, email?.split("@")[0], ...(email?.split("@")[0].split(/[._+-]/) ?? []), options.appName?.toLowerCase()];
  return [...new Set(words.filter((word): word is string => Boolean(word && word.length >= 3)))].sort((a, b) => b.length - a.length);
}

function strengthProblem(password: string, options: NewPasswordOptions): "too_common" | "personal" | null {
  const lowered = password.toLowerCase();
  const words = personalWords(options);
  const zxcvbn = strengthEstimator();
  if (words.some((word) => lowered.includes(word))) {
    // What is left once the address and the name are taken out must stand on its own.
    const rest = words.reduce((text, word) => text.split(word).join(""), lowered);
    if ([...rest].length < passwordMinLengthWithSecondFactor || zxcvbn.check(rest).guesses < minimumGuesses) return "personal";
  }
  return zxcvbn.check(password, words).guesses < minimumGuesses ? "too_common" : null;
}

/**
 * Lengths count Unicode code points of the NFKC form, as NIST SP 800-63B asks; the password is
 * never trimmed. `checkNewPassword(password)` alone applies the rules of an account without a
 * second factor (the stricter length). The accepted password comes back in NFKC form.
 */
export function checkNewPassword(input: unknown, options: NewPasswordOptions = {}): CheckNewPasswordResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  if (input === "") return { ok: false, reason: "empty" };
  // A code point is at most two UTF-16 units, and NFKC expands a character at most 18-fold:
  // this refuses huge input before walking it, and never refuses a password of 128 code points.
  if (input.length > passwordMaxLength * 2) return { ok: false, reason: "too_long" };
  if (forbiddenCharacters.test(input)) return { ok: false, reason: "invalid" };
  const password = normalizePassword(input);
  const codePointCount = [...password].length;
  const min = options.secondFactor ? passwordMinLengthWithSecondFactor : passwordMinLengthAlone;
  if (codePointCount < min) return { ok: false, reason: "too_short", min };
  if (codePointCount > passwordMaxLength) return { ok: false, reason: "too_long" };
  const problem = strengthProblem(password, options);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, password };
}
