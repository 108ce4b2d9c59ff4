import { createHash, randomBytes } from "node:crypto";

/** How long the link mailed to a new address works (issue 16 §3). */
export const emailChangeTokenTtlSeconds = 24 * 60 * 60;

const tokenBytes = 32;
/** 32 bytes in base64url, unpadded: what a link carries, and all a posted token may be. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newEmailChangeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(tokenBytes).toString("base64url");
  return { token, tokenHash: hashEmailChangeToken(token) };
}

/** Only this is stored: the table alone cannot make a link. */
export function hashEmailChangeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedEmailChangeToken(value: unknown): value is string {
  return typeof value === "string" && tokenPattern.test(value);
}

/**
 * The new address as the old one's notice shows it: enough for its owner to recognise, too
 * little for anyone else reading the old mailbox to learn it — "new.name@example.org" →
 * "n•••@e•••.org".
 */
export function maskEmail(email: string): string {
  const [localPart, domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  const [host, topLevel] = dot > 0 ? [domain.slice(0, dot), domain.slice(dot)] : [domain, ""];
  const first = (text: string) => [...text][0] ?? "";
  return `${first(localPart)}•••@${first(host)}•••${topLevel}`;
}
