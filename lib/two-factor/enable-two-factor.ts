import { revokeOtherSessions } from "../auth/end-session";
import { type Keyring, openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { sendSecurityNotification } from "../notifications/send-security-notification";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { verifyTotpCode } from "./totp";

export type EnableTwoFactorResult = { ok: true } | { ok: false; reason: "invalid_code" | "not_pending" };

/**
 * Turns two-factor authentication on once a code from the pending key verifies. A new setup
 * starts a new life: earlier backup codes die and every other session ends.
 */
export async function enableTwoFactor(options: {
  userId: string;
  sessionId: string;
  code: string;
  keyring: Keyring;
  context: RequestContext;
}): Promise<EnableTwoFactorResult> {
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, pendingSecretEncrypted: true },
  });
  if (!twoFactor?.pendingSecretEncrypted || twoFactor.enabledAt) return { ok: false, reason: "not_pending" };
  const secret = openSecret({ envelope: twoFactor.pendingSecretEncrypted, keyring: options.keyring });
  const result = await verifyTotpCode({ secret, code: options.code, afterTimeStep: null });
  if (!result.valid) return { ok: false, reason: "invalid_code" };

  const enabled = await db.$transaction(async (transaction) => {
    // Conditional on the very key that was verified: a setup replaced or enabled meanwhile is
    // left alone, and then no backup code or session is touched either.
    const updated = await transaction.twoFactor.updateMany({
      where: { userId: options.userId, enabledAt: null, pendingSecretEncrypted: twoFactor.pendingSecretEncrypted },
      data: {
        secretEncrypted: twoFactor.pendingSecretEncrypted,
        enabledAt: new Date(),
        pendingSecretEncrypted: null,
        pendingCreatedAt: null,
        lastUsedTimeStep: result.timeStep,
        backupCodeSalt: null,
        backupCodesCreatedAt: null,
      },
    });
    if (updated.count !== 1) return updated;
    await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
    await revokeOtherSessions({ userId: options.userId, exceptSessionId: options.sessionId, transaction });
    return updated;
  });
  if (enabled.count !== 1) return { ok: false, reason: "not_pending" };
  await recordSecurityEvent({ userId: options.userId, type: "two_factor_enabled", context: options.context });
  await sendSecurityNotification({ userId: options.userId, kind: "two_factor_enabled", context: options.context });
  return { ok: true };
}
