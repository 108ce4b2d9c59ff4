import { randomBytes, randomUUID } from "node:crypto";
import { db } from "../db";
import type { Locale } from "../i18n/locales";
import { type RequestContext, type SecurityEventType, storedClient } from "../security/record-event";

export type SignInMethod = "password" | "totp" | "backup_code" | "passkey";

/**
 * Creates the server-side record of a signed-in browser; the session JWT names it. The
 * Session row, the "sign_in" security event and the user's lastSignInAt are written by one
 * statement: all or nothing, and one round trip on the sign-in's path instead of five
 * (BEGIN, two writes, COMMIT, the event; npm run bench, ADR 0003). The language rides on that
 * UPDATE: remembering it costs the sign-in no statement.
 */
export async function startSession(options: {
  userId: string;
  method: SignInMethod;
  context: RequestContext;
  /** The language the sign-in was made in: the user's mails are written in it (issue 15). */
  locale?: Locale;
}): Promise<{ sessionId: string }> {
  const sessionId = randomUUID();
  // timestamp(3) columns hold UTC wall time, as Prisma writes them.
  const now = new Date().toISOString();
  const { ip, userAgent } = storedClient(options.context);
  const eventType: SecurityEventType = "sign_in";
  // A user who does not exist fails the inserts' foreign keys: nothing is written.
  await db.$executeRaw`
    WITH "started" AS (
      INSERT INTO "Session" ("id", "userId", "method", "createdAt", "lastSeenAt", "authenticatedAt", "ip", "userAgent")
      VALUES (${sessionId}::uuid, ${options.userId}::uuid, ${options.method}, ${now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3), ${ip}, ${userAgent})
    ), "recorded" AS (
      INSERT INTO "SecurityEvent" ("id", "userId", "type", "ip", "userAgent", "createdAt")
      VALUES (${randomUUID()}::uuid, ${options.userId}::uuid, ${eventType}, ${ip}, ${userAgent}, ${now}::timestamp(3))
    )
    UPDATE "User" SET "lastSignInAt" = ${now}::timestamp(3), "locale" = COALESCE(${options.locale ?? null}::text, "locale") WHERE "id" = ${options.userId}::uuid`;
  return { sessionId };
}

/**
 * A login grant carries a finished sign-in (password, and code when 2FA is on) from a
 * server action into next-auth's Credentials provider, which runs in the same process
 * and the same request (next-auth's signIn() calls Auth() in-process). Grants live in
 * memory only, are single-use and expire quickly, so they never leave the server and
 * cannot be forged or replayed through /api/auth/callback. See docs/decisions/0002.
 */
const grantTtlMs = 30_000;
const grants = new Map<string, { sessionId: string; expiresAtMs: number }>();

export function issueLoginGrant(options: { sessionId: string }): string {
  const grant = randomBytes(32).toString("base64url");
  grants.set(grant, { sessionId: options.sessionId, expiresAtMs: Date.now() + grantTtlMs });
  return grant;
}

export function redeemLoginGrant(grant: unknown): { sessionId: string } | null {
  if (typeof grant !== "string") return null;
  const nowMs = Date.now();
  const entry = grants.get(grant);
  grants.delete(grant);
  deleteExpiredGrants(nowMs);
  if (!entry || entry.expiresAtMs < nowMs) return null;
  return { sessionId: entry.sessionId };
}

/**
 * Every grant has the same lifetime and a Map iterates in insertion order, so the expired
 * ones are at the front: the sweep stops at the first live grant instead of visiting all.
 */
function deleteExpiredGrants(nowMs: number) {
  for (const [key, value] of grants) {
    if (value.expiresAtMs >= nowMs) return;
    grants.delete(key);
  }
}
