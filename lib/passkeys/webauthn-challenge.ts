import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";

/** How long a passkey dialog may stay open before its challenge is dead (issue 17). */
export const webAuthnChallengeTtlSeconds = 5 * 60;

/** What a challenge is for: adding a passkey, a passwordless sign-in, or the second step. */
export type ChallengePurpose = "register" | "sign_in" | "second_factor";

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Keeps a challenge for one ceremony and returns the token the browser holds for it (a cookie):
 * only its SHA-256 is stored. `boundTo` is the session id (register) or the pending sign-in's
 * nonce (second_factor), so a challenge asked for in one sign-in never completes another.
 * Expired challenges are pruned here, so the table holds at most five minutes of them.
 */
export async function storeChallenge(options: {
  purpose: ChallengePurpose;
  challenge: string;
  userId?: string;
  boundTo?: string;
  now?: Date;
}): Promise<{ token: string }> {
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.webAuthnChallenge.create({
      data: {
        tokenHash: hashToken(token),
        purpose: options.purpose,
        userId: options.userId ?? null,
        boundTo: options.boundTo ?? null,
        challenge: options.challenge,
        createdAt: now,
        expiresAt: new Date(now.getTime() + webAuthnChallengeTtlSeconds * 1000),
      },
    }),
  ]);
  return { token };
}

/**
 * Spends the challenge the browser's token names: it is deleted whatever happens next, and only
 * the first of two racing requests gets it (the delete that removes the row wins). Null when the
 * token is unknown, spent, expired, for another purpose, or bound to another session or sign-in.
 */
export async function takeChallenge(options: {
  token: string | undefined;
  purpose: ChallengePurpose;
  userId?: string;
  boundTo?: string;
  now?: Date;
}): Promise<{ challenge: string } | null> {
  if (!options.token || !tokenPattern.test(options.token)) return null;
  const now = options.now ?? new Date();
  const row = await db.webAuthnChallenge.findUnique({ where: { tokenHash: hashToken(options.token) } });
  if (!row) return null;
  const spent = await db.webAuthnChallenge.deleteMany({ where: { id: row.id } });
  if (spent.count !== 1) return null;
  const matches =
    row.purpose === options.purpose &&
    row.expiresAt > now &&
    row.userId === (options.userId ?? null) &&
    row.boundTo === (options.boundTo ?? null);
  return matches ? { challenge: row.challenge } : null;
}
