import { normalizeEmail } from "../input/normalize-email";

/** A sender as nodemailer takes it: an object, so that no part of it is parsed as address-list syntax. */
export type MailFrom = { name: string; address: string };

// "Name <address>" or a bare address; a name may be quoted ("Nidan, Inc." <…>).
const namedAddressPattern = /^(?:"([^"\\]*)"|([^"<>]*?))\s*<([^<>]*)>$/;
// The display name is written into a header: no control characters, no line breaks.
const controlCharacters = /\p{Cc}/u;

export type ParseMailFromResult = { ok: true; mailFrom: MailFrom } | { ok: false; problem: string };

/** Reads MAIL_FROM once at start (lib/env.ts): a malformed sender stops the app with a sentence. */
export function parseMailFrom(value: string): ParseMailFromResult {
  const text = value.trim();
  const named = namedAddressPattern.exec(text);
  const name = (named ? (named[1] ?? named[2] ?? "") : "").trim();
  const address = normalizeEmail(named ? named[3] : text);
  if (!address.ok || controlCharacters.test(name)) {
    return {
      ok: false,
      problem: "MAIL_FROM must be one mailbox, such as no-reply@example.com or Nidan <no-reply@example.com> (no commas, semicolons or line breaks)",
    };
  }
  return { ok: true, mailFrom: { name, address: address.email } };
}

/**
 * The stored address as nodemailer's `{ address }` object, never a string it would parse as an
 * address list (`a,victim@red.test` went to victim@red.test). Null for a legacy row
 * that is not in normal form: sending to what it normalises to could reach another account.
 */
export function mailRecipientOf(storedEmail: string): { name: string; address: string } | null {
  const normalized = normalizeEmail(storedEmail);
  return normalized.ok && normalized.email === storedEmail ? { name: "", address: storedEmail } : null;
}
