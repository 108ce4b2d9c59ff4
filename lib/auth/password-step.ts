import { setTimeout as sleep } from "node:timers/promises";
import { argon2NeedsRehash, HashQueueBusyError, unmatchableArgon2Hash } from "../crypto/argon2";
import { estimatedHashSeconds, estimatedWaitSeconds, hashQueueHasIdleCore } from "../crypto/hash-queue";
import { db } from "../db";
import { isCommonPassword } from "../input/password-rules";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { rateLimitClientOf } from "../security/client-address";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import {
  type AttemptResult,
  clearAttempts,
  passwordPerAccountPolicy,
  passwordPerClientPolicy,
  passwordPerDevicePolicy,
  passwordUntrustedPolicy,
  rateLimitKey,
  type RateLimitPolicy,
  refundAttempt,
  spendBudget,
  strictestRefusal,
  takeAttempt,
  unknownEmailGlobalBudget,
  unknownEmailPerClientBudget,
} from "../security/rate-limit";
import { liveDeviceCookieWhere, matchDeviceCookie, type PresentedDeviceCookie } from "./device-cookie";
import { hashPassword, verifyPassword } from "./password-hash";

/**
 * The password step of a sign-in: the step itself, which budgets an attempt spends (ADR 0004),
 * what an unknown email costs (ADR 0010), and the rehash of an old hash after a match (ADR 0008).
 */

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
 * holds a device cookie for the account (`passwordStepLimits` below, ADR 0004).
 */
export async function verifyPasswordStep(options: {
  email: string;
  password: string;
  context: RequestContext;
  /** The signed device cookies the browser sent (server/sign-in-cookies.ts), for any accounts. */
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
    // Let in, then asked to change it (the signed-in pages read this).
    isCommonPassword(options.password) ? db.user.update({ where: { id: user.id }, data: { commonPasswordSeenAt: now } }) : null,
  ]);
  return { ok: true, userId: user.id, twoFactorRequired: Boolean(user.twoFactor?.enabledAt) };
}

/** This failed attempt is the one that locks untrusted browsers out of the account. */
function locksTheAccount(attempts: AttemptResult[]): boolean {
  return attempts.some((attempt) => attempt.ok && attempt.locksIfFailed);
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

export type Limit = { key: string; policy: RateLimitPolicy };

/**
 * The counters behind the password step, by email (so an unknown email locks exactly like a
 * known one and the answer tells nothing), read by the admin pages too (lib/admin/account-locks.ts).
 */
export const passwordStepKeys = {
  untrusted: (email: string) => rateLimitKey("password-untrusted", email),
  untrustedCap: (email: string) => rateLimitKey("password-untrusted-cap", email),
  device: (deviceId: string) => rateLimitKey("password-device", deviceId),
  client: (address: string) => rateLimitKey("password-client", rateLimitClientOf(address)),
};

/**
 * Which budgets one password attempt uses (ADR 0004). From a browser holding a valid device
 * cookie for the account: that device's alone. From any other: the account's untrusted budget
 * (which may lock), NIST's cap of 100, and — only when a trusted proxy names the client — the
 * client's budget across accounts; with no address known there is no per-client budget at all,
 * never one shared by every unknown client.
 * `account` is cleared by a success; `client` only gets this attempt back (a valid account of
 * one's own must not reset a stuffing run).
 */
export function passwordStepLimits(options: { email: string; trustedDeviceId: string | null; clientAddress: string | null }): {
  account: Limit[];
  client: Limit[];
} {
  if (options.trustedDeviceId) return { account: [{ key: passwordStepKeys.device(options.trustedDeviceId), policy: passwordPerDevicePolicy }], client: [] };
  return {
    account: [
      { key: passwordStepKeys.untrusted(options.email), policy: passwordUntrustedPolicy },
      { key: passwordStepKeys.untrustedCap(options.email), policy: passwordPerAccountPolicy },
    ],
    client: options.clientAddress ? [{ key: passwordStepKeys.client(options.clientAddress), policy: passwordPerClientPolicy }] : [],
  };
}

// On globalThis like the hash queue (Next.js bundles lib/ into several chunks): one count per
// process, readable by `npm run bench`.
const shared = globalThis as typeof globalThis & { __nidanUnknownEmailImitations?: number };
shared.__nidanUnknownEmailImitations ??= 0;

/** Password attempts for unknown emails answered without a hash so far in this process. */
export function unknownEmailImitationCount(): number {
  return shared.__nidanUnknownEmailImitations ?? 0;
}

/**
 * For a password attempt whose email has no account (ADR 0010). True: verify the password
 * against the dummy hash as usual. False: the caller answers "email or password incorrect"
 * without a hash — this function has already waited as long as a verify would take now (the
 * queue's wait plus one hash), so neither the answer nor its time tells the email is unknown.
 *
 * A real verify is spent only while the budgets allow it (per client when the address is
 * known, and across all clients) and a core is idle: unknown emails then use spare CPU only,
 * and a flood of them never queues in front of a real user's hash.
 */
export async function spendUnknownEmailBudget(options: { context: RequestContext; now?: Date }): Promise<boolean> {
  if (hashQueueHasIdleCore()) {
    const budgets = [{ key: rateLimitKey("unknown-email-global"), policy: unknownEmailGlobalBudget }];
    if (options.context.ip) budgets.push({ key: rateLimitKey("unknown-email-client", rateLimitClientOf(options.context.ip)), policy: unknownEmailPerClientBudget });
    const spent = await Promise.all(budgets.map((budget) => spendBudget({ ...budget, now: options.now })));
    // Checked again: the core may have been taken while the budgets were counted.
    if (!strictestRefusal(spent) && hashQueueHasIdleCore()) return true;
  }
  shared.__nidanUnknownEmailImitations = unknownEmailImitationCount() + 1;
  await sleep((estimatedWaitSeconds() + estimatedHashSeconds()) * 1000);
  return false;
}

/**
 * After a password was verified: a hash made with older argon2 parameters is replaced by one
 * with the current ones (ADR 0008), at the cost of one more argon2 computation, once per
 * account; likewise a hash of the password as typed, from before passwords were stored in NFKC
 * form (`notNormalized`, ADR 0018). The write is conditional on the hash still being the one
 * that was verified, so a concurrent sign-in or password change is never overwritten. True when
 * this call replaced it.
 */
export async function upgradePasswordHash(options: { userId: string; verifiedHash: string; password: string; notNormalized?: boolean }): Promise<boolean> {
  if (!options.notNormalized && !argon2NeedsRehash(options.verifiedHash)) return false;
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(options.password);
  } catch (error) {
    // A full hash queue must not fail a sign-in whose password matched: the next one upgrades.
    if (error instanceof HashQueueBusyError) return false;
    throw error;
  }
  const replaced = await db.user.updateMany({
    where: { id: options.userId, passwordHash: options.verifiedHash },
    data: { passwordHash },
  });
  return replaced.count === 1;
}
