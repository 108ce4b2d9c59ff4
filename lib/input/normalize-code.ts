import { type CodeDigits, stripCodeInput } from "./code-format";

export type NormalizeCodeResult =
  | { ok: true; code: string }
  | { ok: false; reason: "empty" | "too_long" | "invalid" | "wrong_length" };

// Far above any plausible way of typing 8 digits with separators; refusing
// longer input first keeps a 100 kB POST from being normalised at all.
const maxInputLength = 64;

/**
 * Turns what a person typed or pasted into a code of ASCII digits; the format
 * (separators, which digits count) is code-format.ts, which the browser reads too.
 */
export function normalizeCode({ input, digits }: { input: unknown; digits: CodeDigits }): NormalizeCodeResult {
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  if (input.length > maxInputLength) return { ok: false, reason: "too_long" };
  const code = stripCodeInput(input);
  if (code === "") return { ok: false, reason: "empty" };
  if (!/^[0-9]+$/.test(code)) return { ok: false, reason: "invalid" };
  if (code.length !== digits) return { ok: false, reason: "wrong_length" };
  return { ok: true, code };
}
