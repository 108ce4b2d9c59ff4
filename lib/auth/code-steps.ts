import { type Keyring, openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { getConfig } from "../env";
import { backupCodeDigits, type CodeDigits, securityCodeDigits } from "../input/code-format";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { clearAttempts, codeStepPolicy, rateLimitKey, takeAttempt } from "../security/rate-limit";
import { hashBackupCode } from "../two-factor/backup-codes";
import { verifyTotpCode } from "../two-factor/totp";
import type { SignInMethod } from "./start-session";

/**
 * The second step of a sign-in, in its two kinds (an authenticator code, a backup code): how
 * each is checked, the rate limit they share, and what their page, action and form read.
 */

export type CodeStepResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * One second step, described once: its page, its action and its form read this.
 * `messages` are catalogue keys (messages/*.json); `page` the step's own namespace (title, intro).
 */
export type CodeStep = {
  digits: CodeDigits;
  method: Extract<SignInMethod, "totp" | "backup_code">;
  path: string;
  verify: (options: { userId: string; code: string; context: RequestContext; passwordStepAt?: Date }) => Promise<CodeStepResult>;
  messages: { page: string; label: string; invalid: string; other: { label: string; path: string } };
};

export const securityCodeStep: CodeStep = {
  digits: securityCodeDigits,
  method: "totp",
  path: "/login/two-factor",
  verify: (options) => verifyTotpStep({ ...options, keyring: getConfig().totpKeyring }),
  messages: {
    page: "twoFactorStep",
    label: "common.securityCode",
    invalid: "twoFactorStep.invalidCode",
    other: { label: "twoFactorStep.useBackupCode", path: "/login/backup-code" },
  },
};

export const backupCodeStep: CodeStep = {
  digits: backupCodeDigits,
  method: "backup_code",
  path: "/login/backup-code",
  verify: verifyBackupCodeStep,
  messages: {
    page: "backupCodeStep",
    label: "common.backupCode",
    invalid: "backupCodeStep.invalidCode",
    other: { label: "backupCodeStep.useAuthenticator", path: securityCodeStep.path },
  },
};

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

/**
 * The backup-code step: one argon2 computation with the set's salt, then one conditional
 * write that marks the code used only if it still is unused — two requests with one code
 * let in exactly one.
 */
export async function verifyBackupCodeStep(options: {
  userId: string;
  code: string;
  context: RequestContext;
  /** For a sign-in: when its password step passed (guardCodeStep). */
  passwordStepAt?: Date;
  now?: Date;
}): Promise<CodeStepResult> {
  const result = await guardCodeStep({
    userId: options.userId,
    context: options.context,
    passwordStepAt: options.passwordStepAt,
    now: options.now,
    check: async (twoFactor) => {
      if (!twoFactor.backupCodeSalt) return false;
      const consumed = await db.backupCode.updateMany({
        where: {
          userId: options.userId,
          codeHash: await hashBackupCode({ code: options.code, salt: twoFactor.backupCodeSalt }),
          usedAt: null,
        },
        data: { usedAt: new Date() },
      });
      return consumed.count === 1;
    },
  });
  if (result.ok) {
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "backup_code_used", context: options.context });
  }
  return result;
}

/**
 * The counter both code steps share, per account; the admin pages read it to show and lift
 * the lock (lib/admin/account-locks.ts, lib/admin/get-admin-overview.ts).
 */
export function codeStepKey(userId: string): string {
  return rateLimitKey("code-step", userId);
}

type EnabledTwoFactor = { secretEncrypted: string | null; lastUsedTimeStep: number | null; backupCodeSalt: string | null };

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
  if (!attempt.ok) return attempt;
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
