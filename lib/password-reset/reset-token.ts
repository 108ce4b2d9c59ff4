import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a reset link works (issue 16 §1). */
export const passwordResetTokenTtlSeconds = 30 * 60;
/** 32 random bytes, base64url: 43 characters in the link. */
const tokenBytes = 32;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new token for a link and the SHA-256 (hex) that is all the database keeps of it. */
export function createPasswordResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(tokenBytes).toString("base64url");
  return { token, tokenHash: createHash("sha256").update(token).digest("hex") };
}

/** Null for anything that cannot be a token: a forged or cut link costs no query. */
export function hashPasswordResetToken(token: unknown): string | null {
  if (typeof token !== "string" || !tokenPattern.test(token)) return null;
  return createHash("sha256").update(token).digest("hex");
}

function proofFor(options: { tokenHash: string; secret: string }): Buffer {
  // A purpose prefix keeps this MAC from ever matching another value signed with AUTH_SECRET.
  return createHmac("sha256", options.secret).update(`nidan-password-reset-second-factor.${options.tokenHash}`).digest();
}

/**
 * What the browser that passed the reset's code step holds (a cookie): an HMAC of the token's
 * hash, so the link alone — copied after the code was entered — still needs the code again.
 */
export function secondFactorProof(options: { tokenHash: string; secret: string }): string {
  return proofFor(options).toString("base64url");
}

export function isSecondFactorProof(options: { proof: string | undefined; tokenHash: string; secret: string }): boolean {
  if (!options.proof) return false;
  const expected = proofFor(options);
  const given = Buffer.from(options.proof, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const passwordResetMailKinds = ["password_reset_link", "password_reset_link_by_admin"] as const;
export type PasswordResetMailKind = (typeof passwordResetMailKinds)[number];

/** The binding of a sealed link: the outbox row and column it was written for. */
export function resetLinkBinding(outboxMailId: string) {
  return { userId: outboxMailId, column: "OutboxMail.linkEncrypted" };
}

export function isPasswordResetMailKind(value: string): value is PasswordResetMailKind {
  return (passwordResetMailKinds as readonly string[]).includes(value);
}
