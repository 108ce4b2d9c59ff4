import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { clearAttempts, codeStepPolicy, rateLimitKey, takeAttempt } from "../security/rate-limit";

/**
 * The counter both code steps share, per account; the admin pages read it to show and lift
 * the lock (lib/admin/account-locks.ts, lib/admin/get-admin-overview.ts).
 */
export function codeStepKey(userId: string): string {
  return rateLimitKey("code-step", userId);
}

export type CodeStepResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export type EnabledTwoFactor = { secretEncrypted: string | null; lastUsedTimeStep: number | null; backupCodeSalt: string | null };

/**
 * The rate limit around both second steps: authenticator and backup codes share one
 * per-account budget, whatever the client, pending cookie or password step.
 * The attempt is counted before the code is checked, so parallel guesses cannot overshoot.
 */
export async function guardCodeStep(options: {
  userId: string;
  context: RequestContext;
  /** Given the user's enabled two-factor row (never called while it is off). */
  check: (twoFactor: EnabledTwoFactor) => Promise<boolean>;
  /** When this sign-in passed its password step: if the password was set since (a reset), no code completes it. */
  passwordStepAt?: Date;
  now?: Date;
}): Promise<CodeStepResult> {
  const key = codeStepKey(options.userId);
  const attempt = await takeAttempt({ key, policy: codeStepPolicy, now: options.now });
  if (!attempt.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, secretEncrypted: true, lastUsedTimeStep: true, backupCodeSalt: true, user: { select: { passwordChangedAt: true } } },
  });
  const passwordSetSince = Boolean(options.passwordStepAt && twoFactor?.user.passwordChangedAt && twoFactor.user.passwordChangedAt >= options.passwordStepAt);
  if (twoFactor?.enabledAt && !passwordSetSince && (await options.check(twoFactor))) {
    await clearAttempts({ keys: [key] });
    return { ok: true };
  }
  await recordSecurityEvent({ userId: options.userId, type: "sign_in_failed_code", context: options.context });
  if (attempt.locksIfFailed) {
    // One mail per lock: only the attempt that sets it gets here, never the refused ones after.
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "code_step_locked", context: options.context });
  }
  return { ok: false, reason: "invalid" };
}
