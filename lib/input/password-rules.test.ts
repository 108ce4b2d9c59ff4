import { describe, expect, it } from "vitest";
import {
  checkNewPassword,
  isCommonPassword,
  normalizePassword,
  passwordMaxLength,
  passwordMinLengthAlone,
  passwordMinLengthWithSecondFactor,
} from "./password-rules";

describe("checkNewPassword", () => {
  it.each([
    ["15 characters", "tawny-kettle-93"],
    ["128 characters", "correct horse battery staple ".repeat(5).slice(0, 128)],
    ["surrounding spaces, kept", "  violet harbour lantern  "],
    ["Japanese, 15 code points", "にだんのひみつのあいことばです"],
    ["emoji, counted as one character each", "🔑🐙🎻🌵🧊🚲🦉🍋🪁🧭🎲🪐🦀🌋🍄"],
  ])("accepts %s, unchanged when it is already in NFKC form", (_case, input) => {
    expect(checkNewPassword(input)).toEqual({ ok: true, password: input });
  });

  it("gives back the NFKC form: full-width and half-width typing are one password", () => {
    expect(checkNewPassword("ｔａｗｎｙ－ｋｅｔｔｌｅ－９３")).toEqual({ ok: true, password: "tawny-kettle-93" });
    expect(normalizePassword("ｔａｗｎｙ")).toBe(normalizePassword("tawny"));
  });

  it("asks 15 characters of a password used alone and 8 once the account has a second factor (NIST SP 800-63B rev 4)", () => {
    const fourteen = "tawny-kettle-9";
    expect(checkNewPassword(fourteen)).toEqual({ ok: false, reason: "too_short", min: passwordMinLengthAlone });
    expect(checkNewPassword(fourteen, { secondFactor: true })).toEqual({ ok: true, password: fourteen });
    expect(checkNewPassword("kettle9", { secondFactor: true })).toEqual({ ok: false, reason: "too_short", min: passwordMinLengthWithSecondFactor });
    expect(passwordMinLengthAlone).toBe(15);
    expect(passwordMinLengthWithSecondFactor).toBe(8);
  });

  it.each([
    ["a list password", "password1234567"],
    ["a keyboard walk", "qwertyuiopasdfgh"],
    ["a sequence", "123456789012345"],
    ["a repeat", "passwordpassword"],
    ["one character", "aaaaaaaaaaaaaaa"],
  ])("refuses %s as too common", (_case, input) => {
    expect(checkNewPassword(input)).toEqual({ ok: false, reason: "too_common" });
  });

  it("refuses a password built from the address or the app's name, not one that merely contains them", () => {
    const options = { email: "alice.smith@example.com", appName: "Nidan" };
    expect(checkNewPassword("alice.smith@example.com", options)).toEqual({ ok: false, reason: "personal" });
    expect(checkNewPassword("AliceSmith-2026-Nidan", options)).toEqual({ ok: false, reason: "personal" });
    expect(checkNewPassword("Nidan-Nidan-Nidan!", options)).toEqual({ ok: false, reason: "personal" });
    expect(checkNewPassword("alice walks the violet harbour", options)).toEqual({ ok: true, password: "alice walks the violet harbour" });
  });

  it.each([
    ["empty", "", "empty"],
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
    expect(passwordMaxLength).toBeGreaterThanOrEqual(64);
  });
});

describe("isCommonPassword", () => {
  it("finds a password of the shipped list whatever its case or width, and not others", () => {
    expect(isCommonPassword("iloveyou")).toBe(true);
    expect(isCommonPassword("ILoveYou")).toBe(true);
    expect(isCommonPassword("ｉｌｏｖｅｙｏｕ")).toBe(true);
    expect(isCommonPassword("tawny-kettle-93")).toBe(false);
  });
});
