import { unmatchableArgon2Hash } from "../crypto/argon2";
import { db } from "../db";
import { isCommonPassword } from "../input/password-rules";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { type AttemptResult, clearAttempts, refundAttempt, strictestRefusal, takeAttempt } from "../security/rate-limit";
import { matchDeviceCookie, type PresentedDeviceCookie } from "./device-cookie";
import { verifyPassword } from "./password-hash";
import { passwordStepLimits } from "./password-step-limits";
import { spendUnknownEmailBudget } from "./unknown-email-budget";
import { liveDeviceCookieWhere } from "./remember-device";
import { upgradePasswordHash } from "./upgrade-password-hash";

/**
 * Checked when no account has the email: a hash with the current parameters that no password
 * matches, so an unknown email costs one verify, like a wrong password, and timing does not
 * tell them apart.
 */
const dummyPasswordHash = unmatchableArgon2Hash();

export type PasswordStepResult =
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: true; userId: string; twoFactorRequired: boolean };

/**
 * The password step of a sign-in: exactly one argon2 computation, whatever the email, and
 * none once a limit is reached; after a match, one more, once per account, to upgrade a hash
 * made with older parameters (ADR 0008). Which limits count depends on whether this browser
 * holds a device cookie for the account (lib/auth/password-step-limits.ts, ADR 0004).
 */
export async function verifyPasswordStep(options: {
  email: string;
  password: string;
  context: RequestContext;
  /** The signed device cookies the browser sent (server/device-cookie.ts), for any accounts. */
  deviceCookies?: PresentedDeviceCookie[];
  now?: Date;
}): Promise<PasswordStepResult> {
  const now = options.now ?? new Date();
  const presented = options.deviceCookies ?? [];
  // One query: the account, whether a second step follows, and the browser's devices for it.
  // Nothing of it is used before the limits allow the attempt.
  const user = await db.user.findUnique({
    where: { email: options.email },
    select: {
      id: true,
      passwordHash: true,
      twoFactor: { select: { enabledAt: true } },
      deviceCookies: { where: { id: { in: presented.map((cookie) => cookie.deviceId) }, ...liveDeviceCookieWhere(now) }, select: { id: true, tokenHash: true } },
    },
  });
  const trustedDeviceId = user ? matchDeviceCookie({ userId: user.id, presented, stored: user.deviceCookies }) : null;
  const limits = passwordStepLimits({ email: options.email, trustedDeviceId, clientAddress: options.context.ip });
  const [accountAttempts, clientAttempts] = await Promise.all([
    Promise.all(limits.account.map((limit) => takeAttempt({ ...limit, now }))),
    Promise.all(limits.client.map((limit) => takeAttempt({ ...limit, now }))),
  ]);
  const refusal = strictestRefusal([...accountAttempts, ...clientAttempts]);
  if (refusal) return { ok: false, reason: "rate_limited", retryAfterSeconds: refusal.retryAfterSeconds };
  // Unknown emails spend a budget, then get a wrong password's answer and time without a hash (ADR 0010).
  if (!user && !(await spendUnknownEmailBudget({ context: options.context, now: options.now }))) return { ok: false, reason: "invalid" };

  const check = await verifyPassword({ storedHash: user?.passwordHash ?? dummyPasswordHash, password: options.password });
  if (!user || !check.matches) {
    await recordSecurityEvent({ userId: user?.id ?? null, type: "sign_in_failed_password", context: options.context });
    if (user && !trustedDeviceId && locksTheAccount(accountAttempts)) await announceLock({ userId: user.id, context: options.context });
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([
    clearAttempts({ keys: limits.account.map(({ key }) => key) }),
    ...limits.client.map((limit) => refundAttempt(limit)),
    upgradePasswordHash({ userId: user.id, verifiedHash: user.passwordHash, password: options.password, notNormalized: check.needsRehash }),
    // Let in, then asked to change it (issue 16 §4): the signed-in pages read this.
    isCommonPassword(options.password) ? db.user.update({ where: { id: user.id }, data: { commonPasswordSeenAt: now } }) : null,
  ]);
  return { ok: true, userId: user.id, twoFactorRequired: Boolean(user.twoFactor?.enabledAt) };
}

/** This failed attempt is the one that locks untrusted browsers out of the account. */
function locksTheAccount(attempts: AttemptResult[]): boolean {
  return attempts.some((attempt) => attempt.allowed && attempt.locksIfFailed);
}

/**
 * Once per lock (only the attempt that sets it gets here): an event, and a mail to the owner.
 * The mail is only put in the outbox (ADR 0014), so the answer waits for no SMTP server and
 * takes about as long for an existing account as for an unknown email (whose counter locks
 * the same way but has nobody to tell).
 */
function announceLock(options: { userId: string; context: RequestContext }) {
  return recordNotifiedSecurityEvent({ userId: options.userId, kind: "password_step_locked", context: options.context });
}
