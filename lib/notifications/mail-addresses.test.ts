import { describe, expect, it } from "vitest";
import { mailRecipientOf, parseMailFrom } from "./mail-addresses";

describe("parseMailFrom", () => {
  it.each([
    ["a bare address", "no-reply@example.com", { name: "", address: "no-reply@example.com" }],
    ["a name and an address", "Nidan <no-reply@example.com>", { name: "Nidan", address: "no-reply@example.com" }],
    ["a quoted name with a comma", '"Nidan, Inc." <No-Reply@Example.com>', { name: "Nidan, Inc.", address: "no-reply@example.com" }],
    ["a Japanese name", "二段 <no-reply@example.jp>", { name: "二段", address: "no-reply@example.jp" }],
  ])("reads %s", (_case, value, mailFrom) => {
    expect(parseMailFrom(value)).toEqual({ ok: true, mailFrom });
  });

  it.each([
    ["two addresses", "a@example.com, b@example.com"],
    ["two named addresses", "A <a@example.com>, B <b@example.com>"],
    ["a semicolon list", "a@example.com;b@example.com"],
    ["no address", "Nidan"],
    ["an empty address", "Nidan <>"],
    ["a line break in the name", "Nidan\r\nBcc: x@example.com <no-reply@example.com>"],
    ["a bracketed address with a comma", "Nidan <a,b@example.com>"],
  ])("refuses %s with a sentence naming MAIL_FROM", (_case, value) => {
    expect(parseMailFrom(value)).toEqual({ ok: false, problem: expect.stringMatching(/^MAIL_FROM must be one mailbox/) });
  });
});

describe("mailRecipientOf", () => {
  it("hands nodemailer the stored address as one { address } object", () => {
    expect(mailRecipientOf("victim+2fa@red.test")).toEqual({ name: "", address: "victim+2fa@red.test" });
  });

  it.each([
    ["a list in disguise", "a,victim@red.test"],
    ["a display name in disguise", "a <victim@red.test>"],
    ["a legacy look-alike not in normal form", "\uff56\uff49\uff43\uff54\uff49\uff4d@red.test"],
    ["a legacy upper-case row", "Victim@red.test"],
  ])("refuses %s: no mail rather than a mail to another mailbox", (_case, stored) => {
    expect(mailRecipientOf(stored)).toBeNull();
  });
});
