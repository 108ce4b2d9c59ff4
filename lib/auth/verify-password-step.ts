import { argon2Verify } from "../crypto/argon2";
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

/**
 * An argon2id hash (same parameters as real ones) of a random password nobody knows:
 * an unknown email costs one verify, like a wrong password, so timing does not tell them apart.
 */
const dummyPasswordHash =
  "$argon2id$v=19$m=19456,t=2,p=1$cLqDwkR2lTE4Y0bKIlEr1g$8JCrbbhegKn3b/OSMk9t4E6MvJeuGxraRoKE9WHBkEc";

export type PasswordStepResult =
  | { outcome: "invalid" }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "two_factor_required"; userId: string }
  | { outcome: "complete"; userId: string };

/**
 * The password step of a sign-in: exactly one argon2 computation, whatever the email, and
 * none once a limit is reached. Limits count per account and client, per account (NIST's
 * cap of 100) and per client — the client only when a trusted proxy header names it.
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
  const attempts = await Promise.all([...accountKeys, ...clientKeys].map((limit) => takeAttempt({ ...limit, now: options.now })));
  const refusal = strictestRefusal(attempts);
  if (refusal) return { outcome: "rate_limited", retryAfterSeconds: refusal.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email: options.email },
    select: { id: true, passwordHash: true, twoFactor: { select: { enabledAt: true } } },
  });
  const passwordMatches = await argon2Verify({ hash: user?.passwordHash ?? dummyPasswordHash, password: options.password });
  if (!user || !passwordMatches) {
    await recordSecurityEvent({ userId: user?.id ?? null, type: "sign_in_failed_password", context: options.context });
    return { outcome: "invalid" };
  }
  // The per-client count is not cleared (one valid account must not reset a stuffing run),
  // only this successful attempt is given back.
  await Promise.all([...accountKeys.map(({ key }) => clearAttempts({ key })), ...clientKeys.map((limit) => refundAttempt(limit))]);
  if (user.twoFactor?.enabledAt) return { outcome: "two_factor_required", userId: user.id };
  return { outcome: "complete", userId: user.id };
}
