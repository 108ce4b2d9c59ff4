import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "../db";

/** How long the step between the password and the code may take (minutes, not the session's hours). */
export const pendingLoginTtlSeconds = 5 * 60;

/**
 * `nonce` names this one pending sign-in: the step that completes it claims the nonce
 * (`claimPendingLogin`), so the cookie is single-use.
 */
type PendingLoginPayload = { userId: string; issuedAtMs: number; nonce: string };

/** `passwordStepAt`: when the password was checked — a password set since (a reset) ends the sign-in. */
export type PendingLogin = { userId: string; nonce: string; passwordStepAt: Date };

/** 128 bits, base64url: never guessed, never repeated. */
const nonceBytes = 16;

function sign({ payload, secret }: { payload: string; secret: string }): string {
  // A purpose prefix keeps this MAC from ever matching another token signed with AUTH_SECRET.
  return createHmac("sha256", secret).update(`nidan-pending-login.${payload}`).digest("base64url");
}

/** A signed, self-contained token naming the user who passed the password step. */
export function createPendingLoginToken(options: { userId: string; secret: string; now?: Date }): string {
  const payload: PendingLoginPayload = {
    userId: options.userId,
    issuedAtMs: (options.now ?? new Date()).getTime(),
    nonce: randomBytes(nonceBytes).toString("base64url"),
  };
  const encodedPayload = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encodedPayload}.${sign({ payload: encodedPayload, secret: options.secret })}`;
}

/** The user id and nonce, or null when the token is missing, forged, malformed or older than the TTL. */
export function readPendingLoginToken(options: { token: string | undefined; secret: string; now?: Date }): PendingLogin | null {
  const parts = options.token?.split(".");
  if (!parts || parts.length !== 2) return null;
  const [encodedPayload, signature] = parts;
  const expected = Buffer.from(sign({ payload: encodedPayload, secret: options.secret }));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: PendingLoginPayload;
  try {
    payload = JSON.parse(Buffer.from(encodedPayload, "base64url").toString("utf8")) as PendingLoginPayload;
  } catch {
    return null;
  }
  if (typeof payload?.userId !== "string" || typeof payload?.issuedAtMs !== "number" || typeof payload?.nonce !== "string") return null;
  const ageMs = (options.now ?? new Date()).getTime() - payload.issuedAtMs;
  if (ageMs < 0 || ageMs > pendingLoginTtlSeconds * 1000) return null;
  return { userId: payload.userId, nonce: payload.nonce, passwordStepAt: new Date(payload.issuedAtMs) };
}

/**
 * Makes a pending-login cookie single-use: the step that completes the sign-in claims the cookie's nonce, and only the first claim wins — a copy of the cookie, or
 * two completions racing with it, gets false. One statement: the insert, and the pruning of
 * claims older than the cookie's lifetime (such a cookie is refused before it gets here).
 */
export async function claimPendingLogin(options: { nonce: string; now?: Date }): Promise<boolean> {
  const now = options.now ?? new Date();
  // timestamp(3) columns hold UTC wall time, as Prisma writes them.
  const prunedBefore = new Date(now.getTime() - pendingLoginTtlSeconds * 1000).toISOString();
  const claimed = await db.$executeRaw`
    WITH "pruned" AS (DELETE FROM "UsedPendingLogin" WHERE "usedAt" < ${prunedBefore}::timestamp(3))
    INSERT INTO "UsedPendingLogin" ("nonce", "usedAt") VALUES (${options.nonce}, ${now.toISOString()}::timestamp(3))
    ON CONFLICT ("nonce") DO NOTHING`;
  return claimed === 1;
}
