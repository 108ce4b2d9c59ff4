import { type Keyring, openSecret } from "../crypto/secret-box";
import { db } from "../db";
import type { RequestContext } from "../security/record-event";
import { verifyTotpCode } from "../two-factor/totp";
import { type CodeStepResult, guardCodeStep } from "./guard-code-step";

/**
 * The authenticator-code step. No argon2 here: the password was checked in the first step.
 * The accepted time step is claimed by a conditional write, so the same code sent twice at
 * once lets in only one request (RFC 6238 §5.2).
 */
export async function verifyTotpStep(options: {
  userId: string;
  code: string;
  keyring: Keyring;
  context: RequestContext;
  /** For a sign-in: when its password step passed (guardCodeStep). */
  passwordStepAt?: Date;
  now?: Date;
}): Promise<CodeStepResult> {
  return guardCodeStep({
    userId: options.userId,
    context: options.context,
    passwordStepAt: options.passwordStepAt,
    now: options.now,
    check: async (twoFactor) => {
      if (!twoFactor.secretEncrypted) return false;
      const secret = openSecret({
        envelope: twoFactor.secretEncrypted,
        keyring: options.keyring,
        binding: { userId: options.userId, column: "secretEncrypted" },
      });
      const result = await verifyTotpCode({ secret, code: options.code, afterTimeStep: twoFactor.lastUsedTimeStep, now: options.now });
      if (!result.ok) return false;
      const claimed = await db.twoFactor.updateMany({
        where: { userId: options.userId, OR: [{ lastUsedTimeStep: null }, { lastUsedTimeStep: { lt: result.timeStep } }] },
        data: { lastUsedTimeStep: result.timeStep },
      });
      return claimed.count === 1;
    },
  });
}
