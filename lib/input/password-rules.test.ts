import { describe, expect, it } from "vitest";
import { checkNewPassword, passwordMaxLength, passwordMinLength } from "./password-rules";

describe("checkNewPassword", () => {
  it.each([
    ["8 characters", "abcdefgh"],
    ["128 characters", "a".repeat(128)],
    ["surrounding spaces, kept", "  secret words  "],
    ["Japanese, 8 code points", "にだんのひみつです"],
    ["emoji, counted as one character each", "🔑🔑🔑🔑🔑🔑🔑🔑"],
    ["128 emoji (256 UTF-16 units)", "🔑".repeat(128)],
  ])("accepts %s, unchanged", (_case, input) => {
    expect(checkNewPassword(input)).toEqual({ ok: true, password: input });
  });

  it("does not normalise: full-width and ASCII passwords stay different", () => {
    expect(checkNewPassword("ｐａｓｓｗｏｒｄ")).toEqual({ ok: true, password: "ｐａｓｓｗｏｒｄ" });
  });

  it.each([
    ["empty", "", "empty"],
    ["7 characters", "abcdefg", "too_short"],
    ["7 emoji (14 UTF-16 units)", "🔑".repeat(7), "too_short"],
    ["129 characters", "a".repeat(129), "too_long"],
    ["129 emoji", "🔑".repeat(129), "too_long"],
    ["a 100 kB string", "a".repeat(100_000), "too_long"],
    ["NUL", "password\0", "invalid"],
    ["a lone surrogate", "password\ud800", "invalid"],
    ["a number", 12345678, "invalid"],
    ["an array", ["password"], "invalid"],
    ["undefined", undefined, "invalid"],
  ])("refuses %s", (_case, input, reason) => {
    expect(checkNewPassword(input)).toEqual({ ok: false, reason });
  });

  it("keeps the NIST SP 800-63B bounds", () => {
    expect(passwordMinLength).toBe(8);
    expect(passwordMaxLength).toBeGreaterThanOrEqual(64);
  });
});
