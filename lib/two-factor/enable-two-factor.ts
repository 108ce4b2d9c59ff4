import { endSessions } from "../auth/end-session";
import { type Keyring, openSecret, sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { isPendingSetupUsable } from "./pending-setup";
import { verifyTotpCode } from "./totp";

/**
 * `turnedOn`: false when the app was added to an account already protected by passkeys.
 * `setup_expired`: the key was shown in another session or too long ago; a reload shows a new one.
 */
export type EnableTwoFactorResult = { ok: true; turnedOn: boolean } | { ok: false; reason: "invalid_code" | "not_pending" | "setup_expired" };

/**
 * Makes the pending key the account's authenticator app once a code from it verifies. Turning
 * two-factor authentication on starts a new life: earlier backup codes die and every other
 * session ends. Added beside passkeys (two-factor already on), nothing else changes: the
 * backup codes and sessions stay, and the owner is told by mail.
 */
export async function enableTwoFactor(options: {
  userId: string;
  sessionId: string;
  code: string;
  keyring: Keyring;
  context: RequestContext;
  now?: Date;
}): Promise<EnableTwoFactorResult> {
  const now = options.now ?? new Date();
  const twoFactor = await db.twoFactor.findUnique({
    where: { userId: options.userId },
    select: { enabledAt: true, secretEncrypted: true, pendingSecretEncrypted: true, pendingSessionId: true, pendingCreatedAt: true },
  });
  if (!twoFactor?.pendingSecretEncrypted || twoFactor.secretEncrypted) return { ok: false, reason: "not_pending" };
  if (!isPendingSetupUsable({ pending: twoFactor, sessionId: options.sessionId, now })) return { ok: false, reason: "setup_expired" };
  const secret = openSecret({
    envelope: twoFactor.pendingSecretEncrypted,
    keyring: options.keyring,
    binding: { userId: options.userId, column: "pendingSecretEncrypted" },
  });
  const result = await verifyTotpCode({ secret, code: options.code, afterTimeStep: null, now });
  if (!result.ok) return { ok: false, reason: "invalid_code" };

  const turnedOn = twoFactor.enabledAt === null;
  const enabled = await db.$transaction(async (transaction) => {
    // Conditional on the very state that was read — the key verified, still this session's, on or
    // off as it was: a setup replaced, enabled or disabled meanwhile is left alone, and then no
    // backup code or session is touched either.
    const updated = await transaction.twoFactor.updateMany({
      where: {
        userId: options.userId,
        enabledAt: twoFactor.enabledAt,
        secretEncrypted: null,
        pendingSecretEncrypted: twoFactor.pendingSecretEncrypted,
        pendingSessionId: options.sessionId,
      },
      data: {
        // Sealed anew: the envelope is bound to its column, so the pending one cannot be copied.
        secretEncrypted: sealSecret({ plaintext: secret, keyring: options.keyring, binding: { userId: options.userId, column: "secretEncrypted" } }),
        pendingSecretEncrypted: null,
        pendingSessionId: null,
        pendingCreatedAt: null,
        lastUsedTimeStep: result.timeStep,
        ...(turnedOn ? { enabledAt: now, backupCodeSalt: null, backupCodesCreatedAt: null } : {}),
      },
    });
    if (updated.count !== 1) return updated;
    if (!turnedOn) {
      await recordNotifiedSecurityEvent({ userId: options.userId, kind: "authenticator_app_added", context: options.context, transaction });
      return updated;
    }
    await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
    await endSessions({ userId: options.userId, exceptSessionId: options.sessionId, transaction });
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "two_factor_enabled", context: options.context, transaction });
    return updated;
  });
  if (enabled.count !== 1) return { ok: false, reason: "not_pending" };
  return { ok: true, turnedOn };
}
