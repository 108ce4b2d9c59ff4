import { createHash } from "node:crypto";
import { db } from "../db";

/**
 * Failure counters in the database, shared by every instance (ADR 0004, RFC 4226 §7.3).
 * An attempt is counted *before* the guess is checked, in one atomic upsert, so parallel
 * guesses can never exceed the limit; the attempt that reaches `maxFailures` also sets the
 * lock, and a success clears it (`clearAttempts`).
 */
export type RateLimitPolicy = {
  maxFailures: number;
  /** Lock duration after the 1st, 2nd, 3rd, 4th+ lock: waits grow while failures go on. */
  lockSeconds: readonly [number, number, number, number];
};

/**
 * The lockout an account's owner can meet (ADR 0004): 10 failures, then 1, 5, 15 and 60 minutes.
 * One schedule for the code step and both password-step budgets, so they never drift apart.
 */
const accountLockout: RateLimitPolicy = { maxFailures: 10, lockSeconds: [60, 300, 900, 3600] };

/** The code step (authenticator and backup codes together), per account, whatever the client. */
export const codeStepPolicy: RateLimitPolicy = accountLockout;
/**
 * The password step from one browser that completed a sign-in for the account (its device
 * cookie, lib/auth/device-cookie.ts): only its own failures lock it.
 */
export const passwordPerDevicePolicy: RateLimitPolicy = accountLockout;
/**
 * The password step per account from every browser without a device cookie for it, whatever
 * the client: strangers share this budget, and locking it does not lock the owner's own browsers.
 */
export const passwordUntrustedPolicy: RateLimitPolicy = accountLockout;
/** The password step per client, across accounts (credential stuffing), when the client is known. */
export const passwordPerClientPolicy: RateLimitPolicy = { maxFailures: 50, lockSeconds: [300, 900, 3600, 3600] };
/**
 * Per account across clients: NIST SP 800-63B §3.2.2 caps consecutive failures at 100 — for
 * untrusted browsers at the password step, and for re-authentication.
 */
export const passwordPerAccountPolicy: RateLimitPolicy = { maxFailures: 100, lockSeconds: [900, 3600, 3600, 3600] };

/** Whether an attempt may go on (and whether its failure would set the lock), in the `ok`/`reason` shape of every result in lib/. */
export type AttemptResult = { ok: true; locksIfFailed: boolean } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Keys are hashed: the table never holds the emails or addresses that were tried. */
export function rateLimitKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

export async function takeAttempt(options: { key: string; policy: RateLimitPolicy; now?: Date }): Promise<AttemptResult> {
  const now = (options.now ?? new Date()).toISOString();
  const { maxFailures, lockSeconds } = options.policy;
  const [wait1, wait2, wait3, wait4] = lockSeconds;
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "RateLimit" ("key", "failures", "lockCount", "lockedUntil", "updatedAt")
    VALUES (${options.key}, 1,
      CASE WHEN 1 >= ${maxFailures}::int THEN 1 ELSE 0 END,
      CASE WHEN 1 >= ${maxFailures}::int THEN ${now}::timestamp(3) + make_interval(secs => ${wait1}::int) ELSE NULL END,
      ${now}::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = "RateLimit"."failures" * ("RateLimit"."lockedUntil" IS NULL)::int + 1,
      "lockedUntil" = CASE
        WHEN "RateLimit"."failures" * ("RateLimit"."lockedUntil" IS NULL)::int + 1 >= ${maxFailures}::int
        THEN ${now}::timestamp(3) + make_interval(secs => CASE LEAST("RateLimit"."lockCount", 3)
          WHEN 0 THEN ${wait1}::int WHEN 1 THEN ${wait2}::int WHEN 2 THEN ${wait3}::int ELSE ${wait4}::int END)
        ELSE NULL END,
      "lockCount" = "RateLimit"."lockCount"
        + ("RateLimit"."failures" * ("RateLimit"."lockedUntil" IS NULL)::int + 1 >= ${maxFailures}::int)::int,
      "updatedAt" = ${now}::timestamp(3)
    WHERE "RateLimit"."lockedUntil" IS NULL OR "RateLimit"."lockedUntil" <= ${now}::timestamp(3)
    RETURNING "failures"`;
  if (rows.length === 1) return { ok: true, locksIfFailed: Number(rows[0].failures) >= maxFailures };
  const row = await db.rateLimit.findUnique({ where: { key: options.key }, select: { lockedUntil: true } });
  const retryAfterMs = (row?.lockedUntil?.getTime() ?? 0) - new Date(now).getTime();
  return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/**
 * Gives back an attempt that turned out to be a success, for counters that a success must
 * not reset (the per-client count across accounts): only failures use the budget. If this
 * attempt was the one that set the lock, the lock goes too.
 */
export async function refundAttempt(options: { key: string; policy: RateLimitPolicy }) {
  const { maxFailures } = options.policy;
  await db.$executeRaw`
    UPDATE "RateLimit" SET
      "lockedUntil" = CASE WHEN "failures" = ${maxFailures}::int THEN NULL ELSE "lockedUntil" END,
      "lockCount" = CASE WHEN "failures" = ${maxFailures}::int THEN GREATEST("lockCount" - 1, 0) ELSE "lockCount" END,
      "failures" = GREATEST("failures" - 1, 0)
    WHERE "key" = ${options.key}`;
}

/** A success: the count and the growing waits start over, for every key given (one statement). */
export async function clearAttempts(options: { keys: string[] }) {
  await db.rateLimit.deleteMany({ where: { key: { in: options.keys } } });
}

/** The longest wait among several checks (the page shows one retry time). */
export function strictestRefusal(results: AttemptResult[]): { retryAfterSeconds: number } | null {
  const waits = results.flatMap((result) => (result.ok ? [] : [result.retryAfterSeconds]));
  return waits.length > 0 ? { retryAfterSeconds: Math.max(...waits) } : null;
}

/**
 * A budget rather than a lockout (ADR 0010): at most `limit` uses per fixed window of
 * `windowSeconds`, counting successes too. The row's `updatedAt` holds the window's start and
 * `lockedUntil` stays empty, so budgets never show as locks on the admin pages.
 */
export type BudgetPolicy = { limit: number; windowSeconds: number };

/** Password attempts whose email has no account, per client (when known) and across all clients. */
export const unknownEmailPerClientBudget: BudgetPolicy = { limit: 10, windowSeconds: 60 };
export const unknownEmailGlobalBudget: BudgetPolicy = { limit: 60, windowSeconds: 60 };
/** Self sign-up, per client (when known) and across all clients. */
export const signUpPerClientBudget: BudgetPolicy = { limit: 10, windowSeconds: 3600 };
// 1,000 an hour: a launch day's real sign-ups fit, and the hash queue's bound already keeps a
// flood from queueing (ADR 0010); 100 was tried and refused one test run's own accounts.
export const signUpGlobalBudget: BudgetPolicy = { limit: 1000, windowSeconds: 3600 };
/**
 * New backup codes (10 hashes each), per user: 3 sets in 10 minutes (30 hashes) — a person who
 * downloads again right after a first set is not refused, a script holding a session is bounded.
 */
export const backupCodeRegenerationBudget: BudgetPolicy = { limit: 3, windowSeconds: 600 };

/** Spends one use of the budget under `key`, in one atomic upsert; refused uses are not counted. */
export async function spendBudget(options: { key: string; policy: BudgetPolicy; now?: Date }): Promise<AttemptResult> {
  const now = (options.now ?? new Date()).toISOString();
  const { limit, windowSeconds } = options.policy;
  const rows = await db.$queryRaw<{ used: number; windowStart: Date }[]>`
    INSERT INTO "RateLimit" ("key", "failures", "lockCount", "lockedUntil", "updatedAt")
    VALUES (${options.key}, 1, 0, NULL, ${now}::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "RateLimit"."updatedAt" <= ${now}::timestamp(3) - make_interval(secs => ${windowSeconds}::int) THEN 1
        ELSE LEAST("RateLimit"."failures" + 1, ${limit}::int + 1) END,
      "updatedAt" = CASE WHEN "RateLimit"."updatedAt" <= ${now}::timestamp(3) - make_interval(secs => ${windowSeconds}::int) THEN ${now}::timestamp(3)
        ELSE "RateLimit"."updatedAt" END
    RETURNING "failures" AS "used", "updatedAt" AS "windowStart"`;
  const used = Number(rows[0].used);
  if (used <= limit) return { ok: true, locksIfFailed: false };
  const retryAfterMs = new Date(rows[0].windowStart).getTime() + windowSeconds * 1000 - new Date(now).getTime();
  return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}
