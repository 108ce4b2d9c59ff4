import { argon2Verify } from "../crypto/argon2";
import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { clearAttempts, passwordPerAccountPolicy, rateLimitKey, takeAttempt } from "../security/rate-limit";
import { reauthenticationWindowSeconds } from "./session-lifetime";
import { upgradePasswordHash } from "./upgrade-password-hash";

/** Factor changes need a password entered within the last 10 minutes (issue 3, ASVS 6.5.x). */
export function isReauthenticationRequired(options: { authenticatedAt: Date; now?: Date }): boolean {
  const ageMs = (options.now ?? new Date()).getTime() - options.authenticatedAt.getTime();
  return ageMs > reauthenticationWindowSeconds * 1000;
}

export type ReauthenticateResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Checks the password again and restarts the session's 10-minute window. Counts toward the account's password limit. */
export async function reauthenticate(options: {
  sessionId: string;
  userId: string;
  password: string;
  context: RequestContext;
}): Promise<ReauthenticateResult> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { email: true, passwordHash: true } });
  if (!user) return { ok: false, reason: "invalid" };
  const key = rateLimitKey("password-account", user.email);
  const attempt = await takeAttempt({ key, policy: passwordPerAccountPolicy });
  if (!attempt.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  if (!(await argon2Verify({ hash: user.passwordHash, password: options.password }))) {
    await recordSecurityEvent({ userId: options.userId, type: "sign_in_failed_password", context: options.context });
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([
    clearAttempts({ keys: [key] }),
    db.session.update({ where: { id: options.sessionId }, data: { authenticatedAt: new Date() } }),
    upgradePasswordHash({ userId: options.userId, verifiedHash: user.passwordHash, password: options.password }),
  ]);
  return { ok: true };
}
