import { argon2Verify } from "../crypto/argon2";
import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

/**
 * An argon2id hash (same parameters as real ones) of a random password nobody knows:
 * an unknown email costs one verify, like a wrong password, so timing does not tell them apart.
 */
const dummyPasswordHash =
  "$argon2id$v=19$m=19456,t=2,p=1$cLqDwkR2lTE4Y0bKIlEr1g$8JCrbbhegKn3b/OSMk9t4E6MvJeuGxraRoKE9WHBkEc";

export type PasswordStepResult =
  | { outcome: "invalid" }
  | { outcome: "two_factor_required"; userId: string }
  | { outcome: "complete"; userId: string };

/** The password step of a sign-in: exactly one argon2 computation, whatever the email. */
export async function verifyPasswordStep(options: {
  email: string;
  password: string;
  context: RequestContext;
}): Promise<PasswordStepResult> {
  const user = await db.user.findUnique({
    where: { email: options.email },
    select: { id: true, passwordHash: true, twoFactor: { select: { enabledAt: true } } },
  });
  const passwordMatches = await argon2Verify({ hash: user?.passwordHash ?? dummyPasswordHash, password: options.password });
  if (!user || !passwordMatches) {
    await recordSecurityEvent({ userId: user?.id ?? null, type: "sign_in_failed_password", context: options.context });
    return { outcome: "invalid" };
  }
  if (user.twoFactor?.enabledAt) return { outcome: "two_factor_required", userId: user.id };
  return { outcome: "complete", userId: user.id };
}
