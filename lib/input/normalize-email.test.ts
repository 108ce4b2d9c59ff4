import { describe, expect, it } from "vitest";
import { normalizeEmail } from "./normalize-email";

describe("normalizeEmail", () => {
  it.each([
    ["a plain address", "alice@example.com", "alice@example.com"],
    ["surrounding white space", "  alice@example.com\n", "alice@example.com"],
    ["capitals", "Alice.Smith@Example.COM", "alice.smith@example.com"],
    ["a plus tag", "alice+2fa@example.co.jp", "alice+2fa@example.co.jp"],
    ["an internationalised address, in NFKC (half-width katakana become full-width)", "ｱﾘｽ@例え.jp", "アリス@例え.jp"],
    ["full-width letters, at sign and dot", "ｖｉｃｔｉｍ＠ｒｅｄ．ｔｅｓｔ", "victim@red.test"],
    ["full-width capitals", "ＶＩＣＴＩＭ@red.test", "victim@red.test"],
    ["an accent as a combining mark (NFD)", "jose\u0301@red.test", "jos\u00e9@red.test"],
    ["an accent precomposed (NFC)", "jos\u00e9@red.test", "jos\u00e9@red.test"],
    ["a capital I with a dot above (Turkish İ)", "\u0130nfo@red.test", "info@red.test"],
    ["a capital I followed by a combining dot above", "I\u0307nfo@red.test", "info@red.test"],
    ["circled letters", "\u24e5\u24d8\u24d2\u24e3\u24d8\u24dc@red.test", "victim@red.test"],
    ["an ideographic space around it", "\u3000victim@red.test\u3000", "victim@red.test"],
  ])("accepts %s", (_case, input, email) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email });
  });

  it.each(["Victim@Red.Test", "ｖｉｃｔｉｍ＠ｒｅｄ．ｔｅｓｔ", "jose\u0301@red.test", "\u0130nfo@red.test", "ｱﾘｽ@例え.jp", "Ǆemo@red.test"])(
    "is idempotent: %s normalises to an address that normalises to itself",
    (input) => {
      const once = normalizeEmail(input);
      if (!once.ok) throw new Error(`refused ${input}`);
      expect(normalizeEmail(once.email)).toEqual(once);
    },
  );

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
    ["NUL", "alice\0@example.com"],
    ["a control character", "alice\u0007@example.com"],
    ["a zero-width space", "ali\u200bce@example.com"],
  ])("says invalid for %s", (_case, input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason: "invalid" });
  });

  it.each([
    ["a comma (nodemailer read it as two recipients)", "a,victim@red.test"],
    ["a full-width comma", "a\uff0cvictim@red.test"],
    ["a semicolon", "a;victim@red.test"],
    ["angle brackets", "Victim <victim@red.test>"],
    ["a closing angle bracket alone", "a>victim@red.test"],
    ["parentheses (a comment)", "victim(comment)@red.test"],
    ["square brackets", "victim@[127.0.0.1]"],
    ["a colon (a group)", "group:victim@red.test"],
    ["a backslash", "a\\victim@red.test"],
    ["double quotes", '"a victim"@red.test'],
    ["inner white space", "alice smith@example.com"],
    ["an inner ideographic space", "alice\u3000x@example.com"],
    ["a tab", "alice\tx@example.com"],
    ["a line break (header injection)", "alice@example.com\r\nBcc: victim@red.test"],
  ])("says unmailable_character for %s", (_case, input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason: "unmailable_character" });
  });

  it("says invalid, not unmailable_character, for zero-width characters, U+FEFF included (which \\s matches)", () => {
    expect(normalizeEmail("\u200b\u200c\u200d\u2060\ufeffalice@example.com")).toEqual({ ok: false, reason: "invalid" });
    expect(normalizeEmail("ali\ufeffce@example.com")).toEqual({ ok: false, reason: "invalid" });
  });
});
