import type { Keyring } from "../crypto/secret-box";
import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { clearAttempts, passwordPerAccountPolicy, rateLimitKey, takeAttempt } from "../security/rate-limit";
import { verifyPassword } from "./password-hash";
import { reauthenticationWindowSeconds } from "./session-lifetime";
import { upgradePasswordHash } from "./password-step";
import { verifyBackupCodeStep, verifyTotpStep } from "./code-steps";

/** Factor changes need a password entered within `reauthenticationWindowSeconds` (ASVS 6.5.x, ADR 0013). */
export function isReauthenticationRequired(options: { authenticatedAt: Date; now?: Date }): boolean {
  const ageMs = (options.now ?? new Date()).getTime() - options.authenticatedAt.getTime();
  return ageMs > reauthenticationWindowSeconds * 1000;
}

export type ReauthenticateResult =
  | { ok: true }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "second_factor_required" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks the password again and restarts the session's re-authentication window. Counts toward the
 * account's password limit. With `secondFactor` given and two-factor authentication on, a
 * current authenticator code (6 digits) or an unused backup code (8 digits, then spent) is
 * needed too, checked by the sign-in's own code step and counted in its limit (ADR 0013,
 * OWASP MFA cheat sheet): a stolen session and a phished password are not enough.
 */
export async function reauthenticate(options: {
  sessionId: string;
  userId: string;
  password: string;
  /** For changes of the second factor itself; `code` is what the form posted, if anything. */
  secondFactor?: { code: string | null; keyring: Keyring };
  context: RequestContext;
}): Promise<ReauthenticateResult> {
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: { email: true, passwordHash: true, twoFactor: { select: { enabledAt: true } } },
  });
  if (!user) return { ok: false, reason: "invalid" };
  const secondFactor = options.secondFactor && user.twoFactor?.enabledAt ? options.secondFactor : null;
  // Refused before the password is checked: nothing is counted, nothing is learnt of the password.
  if (secondFactor && !secondFactor.code) return { ok: false, reason: "second_factor_required" };

  const key = rateLimitKey("password-account", user.email);
  const attempt = await takeAttempt({ key, policy: passwordPerAccountPolicy });
  if (!attempt.ok) return attempt;
  const check = await verifyPassword({ storedHash: user.passwordHash, password: options.password });
  if (!check.matches) {
    await recordSecurityEvent({ userId: options.userId, type: "sign_in_failed_password", context: options.context });
    return { ok: false, reason: "invalid" };
  }
  if (secondFactor?.code) {
    const code = { userId: options.userId, code: secondFactor.code, context: options.context };
    const checked =
      secondFactor.code.length === 8 ? await verifyBackupCodeStep(code) : await verifyTotpStep({ ...code, keyring: secondFactor.keyring });
    if (!checked.ok) return checked;
  }
  await Promise.all([
    clearAttempts({ keys: [key] }),
    db.session.update({ where: { id: options.sessionId }, data: { authenticatedAt: new Date() } }),
    upgradePasswordHash({ userId: options.userId, verifiedHash: user.passwordHash, password: options.password, notNormalized: check.needsRehash }),
  ]);
  return { ok: true };
}
