import { argon2Verify, unmatchableArgon2Hash } from "../crypto/argon2";
import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import {
  clearAttempts,
  passwordPerAccountAndClientPolicy,
  passwordPerAccountPolicy,
  passwordPerClientPolicy,
  rateLimitKey,
  refundAttempt,
  strictestRefusal,
  takeAttempt,
} from "../security/rate-limit";
import { spendUnknownEmailBudget } from "./unknown-email-budget";
import { upgradePasswordHash } from "./upgrade-password-hash";

/**
 * Checked when no account has the email: a hash with the current parameters that no password
 * matches, so an unknown email costs one verify, like a wrong password, and timing does not
 * tell them apart.
 */
const dummyPasswordHash = unmatchableArgon2Hash();

export type PasswordStepResult =
  | { outcome: "invalid" }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "two_factor_required"; userId: string }
  | { outcome: "complete"; userId: string };

/**
 * The password step of a sign-in: exactly one argon2 computation, whatever the email, and
 * none once a limit is reached; after a match, one more, once per account, to upgrade a hash
 * made with older parameters (ADR 0008). Limits count per account and client, per account
 * (NIST's cap of 100) and per client — the client only when a trusted proxy header names it.
 */
export async function verifyPasswordStep(options: {
  email: string;
  password: string;
  context: RequestContext;
  now?: Date;
}): Promise<PasswordStepResult> {
  const accountKeys = [
    { key: rateLimitKey("password-account-client", options.email, options.context.ip ?? "unknown"), policy: passwordPerAccountAndClientPolicy },
    { key: rateLimitKey("password-account", options.email), policy: passwordPerAccountPolicy },
  ];
  const clientKeys = options.context.ip ? [{ key: rateLimitKey("password-client", options.context.ip), policy: passwordPerClientPolicy }] : [];
  // The account (and whether a second step follows) is looked up while the attempt is
  // counted, in one query: nothing of it is used before the limits allow the attempt.
  const [attempts, user] = await Promise.all([
    Promise.all([...accountKeys, ...clientKeys].map((limit) => takeAttempt({ ...limit, now: options.now }))),
    db.user.findUnique({ where: { email: options.email }, select: { id: true, passwordHash: true, twoFactor: { select: { enabledAt: true } } } }),
  ]);
  const refusal = strictestRefusal(attempts);
  if (refusal) return { outcome: "rate_limited", retryAfterSeconds: refusal.retryAfterSeconds };
  // Unknown emails spend a budget, then get a wrong password's answer and time without a hash (ADR 0010).
  if (!user && !(await spendUnknownEmailBudget({ context: options.context, now: options.now }))) return { outcome: "invalid" };

  const passwordMatches = await argon2Verify({ hash: user?.passwordHash ?? dummyPasswordHash, password: options.password });
  if (!user || !passwordMatches) {
    await recordSecurityEvent({ userId: user?.id ?? null, type: "sign_in_failed_password", context: options.context });
    return { outcome: "invalid" };
  }
  // The per-client count is not cleared (one valid account must not reset a stuffing run),
  // only this successful attempt is given back.
  await Promise.all([
    clearAttempts({ keys: accountKeys.map(({ key }) => key) }),
    ...clientKeys.map((limit) => refundAttempt(limit)),
    upgradePasswordHash({ userId: user.id, verifiedHash: user.passwordHash, password: options.password }),
  ]);
  if (user.twoFactor?.enabledAt) return { outcome: "two_factor_required", userId: user.id };
  return { outcome: "complete", userId: user.id };
}
