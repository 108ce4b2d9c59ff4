import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backupCodeDigits, isCodeDigit, isCompleteCode, securityCodeDigits } from "./code-format";
import { normalizeCode } from "./normalize-code";

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
