import { describe, expect, it } from "vitest";
import { normalizeEmail } from "./normalize-email";

describe("normalizeEmail", () => {
  it.each([
    ["a plain address", "alice@example.com", "alice@example.com"],
    ["surrounding white space", "  alice@example.com\n", "alice@example.com"],
    ["capitals", "Alice.Smith@Example.COM", "alice.smith@example.com"],
    ["a plus tag", "alice+2fa@example.co.jp", "alice+2fa@example.co.jp"],
    ["an internationalised address, kept as typed", "ｱﾘｽ@例え.jp", "ｱﾘｽ@例え.jp"],
  ])("accepts %s", (_case, input, email) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    ["empty", ""],
    ["white space only", " \t\u3000"],
  ])("says empty for %s", (_case, input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason: "empty" });
  });

  it("says too_long above 254 characters and accepts 254", () => {
    const domain = "@example.com";
    expect(normalizeEmail(`${"a".repeat(254 - domain.length)}${domain}`)).toMatchObject({ ok: true });
    expect(normalizeEmail(`${"a".repeat(255 - domain.length)}${domain}`)).toEqual({ ok: false, reason: "too_long" });
    expect(normalizeEmail(`${"a".repeat(100_000)}${domain}`)).toEqual({ ok: false, reason: "too_long" });
  });

  it.each([
    ["a number", 42],
    ["an array", ["alice@example.com"]],
    ["null", null],
    ["no @", "alice.example.com"],
    ["two @", "alice@bob@example.com"],
    ["an empty local part", "@example.com"],
    ["an empty domain", "alice@"],
    ["a domain without a dot", "alice@localhost"],
    ["a domain ending with a dot", "alice@example."],
    ["a domain with an empty label", "alice@example..com"],
    ["inner white space", "alice smith@example.com"],
    ["an ideographic space", "alice\u3000@example.com"],
    ["NUL", "alice\0@example.com"],
    ["a control character", "alice\u0007@example.com"],
    ["a zero-width space", "ali\u200bce@example.com"],
  ])("says invalid for %s", (_case, input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason: "invalid" });
  });
});
