import { randomBytes } from "node:crypto";

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
