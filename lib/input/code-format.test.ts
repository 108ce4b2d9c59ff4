import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backupCodeDigits, isCodeDigit, isCompleteCode, normalizeCode, securityCodeDigits } from "./code-format";

// What people type or paste: the browser submits exactly what the server then accepts.
const typed = [
  "123456",
  " 123 456 ",
  "123-456",
  "１２３　４５６",
  "\u200b1\u200c2\u200d3\u20604\ufeff56",
  "١٢٣٤٥٦",
  "१२३४५६",
  "𝟏𝟐𝟑𝟒𝟓𝟔",
  "1234 5678",
  "0000-0001",
  "١٢٣٤٥٦٧٨",
  "12345",
  "1234567",
  "12ー3456",
  "abcdef",
  "",
];

describe("code format", () => {
  it.each(typed)("the browser's auto-submit and the server agree on %j", (input) => {
    for (const digits of [securityCodeDigits, backupCodeDigits] as const) {
      expect(isCompleteCode(input, digits)).toBe(normalizeCode({ input, digits }).ok);
    }
  });

  it("counts a digit key of any script as typing a code", () => {
    for (const key of ["7", "７", "٧", "७"]) expect(isCodeDigit(key)).toBe(true);
    for (const key of ["a", "-", " ", "Enter"]) expect(isCodeDigit(key)).toBe(false);
  });

  it("is the module the code form reads, with no pattern of its own", () => {
    const codeForm = readFileSync(new URL("../../components/forms/code-form.tsx", import.meta.url), "utf8");
    expect(codeForm).toMatch(/from "@\/lib\/input\/code-format"/);
    expect(codeForm).not.toMatch(/new RegExp|\\d\{|0-9/);
  });
});

describe("normalizeCode", () => {
  it.each([
    ["plain digits", "123456", "123456"],
    ["leading zeros", "000123", "000123"],
    ["surrounding and inner spaces", "  123 456 ", "123456"],
    ["tab and newline from a paste", "\t123456\n", "123456"],
    ["hyphen-minus", "123-456", "123456"],
    ["Unicode hyphen, en dash, em dash, minus", "1‐2–3—4−5‑6", "123456"],
    ["full-width digits and ideographic space", "１２３　４５６", "123456"],
    ["full-width digits and space", "１２３ ４５６", "123456"],
    ["full-width hyphen", "１２３－４５６", "123456"],
    ["no-break and narrow no-break spaces", "123\u00a0456\u202f", "123456"],
    ["zero-width characters", "\u200b1\u200c2\u200d3\u20604\ufeff56", "123456"],
    ["Arabic-Indic digits", "١٢٣٤٥٦", "123456"],
    ["Extended Arabic-Indic (Persian) digits", "۱۲۳۴۵۶", "123456"],
    ["Devanagari digits", "१२३४५६", "123456"],
    ["Bengali digits with a space", "০৯৮ ৭৬৫", "098765"],
    ["Thai digits", "๑๒๓๔๕๖", "123456"],
    ["mathematical bold digits", "𝟏𝟐𝟑𝟒𝟓𝟔", "123456"],
    ["Myanmar Extended-C digits (a run of twenty)", "\u{116D0}\u{116D9}\u{116DA}\u{116E3}00", "090900"],
    ["mixed scripts", "1٢३４5๖", "123456"],
  ])("accepts %s", (_case, input, code) => {
    expect(normalizeCode({ input, digits: 6 })).toEqual({ ok: true, code });
  });

  it("accepts an 8-digit backup code typed as shown", () => {
    expect(normalizeCode({ input: "1234 5678", digits: 8 })).toEqual({ ok: true, code: "12345678" });
    expect(normalizeCode({ input: "0000-0001", digits: 8 })).toEqual({ ok: true, code: "00000001" });
  });

  it.each([
    ["empty", ""],
    ["spaces only", "   "],
    ["ideographic spaces and hyphens only", "　－-　"],
    ["zero-width only", "\u200b\ufeff"],
  ])("says empty for %s", (_case, input) => {
    expect(normalizeCode({ input, digits: 6 })).toEqual({ ok: false, reason: "empty" });
  });

  it.each([
    ["a 100 kB string", "1".repeat(100_000)],
    ["65 characters even if mostly spaces", `123456${" ".repeat(59)}`],
  ])("says too_long for %s", (_case, input) => {
    expect(normalizeCode({ input, digits: 6 })).toEqual({ ok: false, reason: "too_long" });
  });

  it("accepts 64 characters, the longest input processed", () => {
    expect(normalizeCode({ input: `123456${" ".repeat(58)}`, digits: 6 })).toEqual({ ok: true, code: "123456" });
  });

  it.each([
    ["an array", ["123456"]],
    ["a number", 123456],
    ["null", null],
    ["undefined", undefined],
    ["an object", { code: "123456" }],
    ["letters", "12345a"],
    ["a lookalike letter O", "12345O"],
    ["an emoji", "12345😀"],
    ["a keycap emoji", "1️⃣23456"],
    ["NUL", "123456\0"],
    ["punctuation", "123.456"],
    ["a plus sign", "+123456"],
    ["the katakana long vowel mark", "123ー456"],
    ["a fraction", "12345½"],
  ])("says invalid for %s", (_case, input) => {
    expect(normalizeCode({ input, digits: 6 })).toEqual({ ok: false, reason: "invalid" });
  });

  it.each([
    ["5 digits", "12345", 6],
    ["7 digits", "1234567", 6],
    ["a TOTP code where a backup code is expected", "123456", 8],
    ["a backup code where a TOTP code is expected", "12345678", 6],
  ] as const)("says wrong_length for %s", (_case, input, digits) => {
    expect(normalizeCode({ input, digits })).toEqual({ ok: false, reason: "wrong_length" });
  });
});
