import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import type { RequestContext } from "../security/record-event";
import { removeTwoFactor } from "../two-factor/disable-two-factor";
import { passkeyNameMaxLength } from "./passkey-name";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

/** The account's passkeys, oldest first, as the settings page lists them. */
export async function listPasskeys(options: { userId: string }): Promise<PasskeySummary[]> {
  return db.passkey.findMany({
    where: { userId: options.userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * The second factors the code step can offer, in one statement: whether the account has an
 * authenticator app, and how many passkeys. None while two-factor authentication is off.
 */
export async function secondFactorsOf(options: { userId: string }): Promise<{ authenticatorApp: boolean; passkeys: number }> {
  const rows = await db.$queryRaw<{ authenticatorApp: boolean; passkeys: number }[]>`
    SELECT t."secretEncrypted" IS NOT NULL AS "authenticatorApp",
           (SELECT count(*) FROM "Passkey" p WHERE p."userId" = t."userId")::int AS "passkeys"
    FROM "TwoFactor" t
    WHERE t."userId" = ${options.userId}::uuid AND t."enabledAt" IS NOT NULL`;
  return rows[0] ?? { authenticatorApp: false, passkeys: 0 };
}

/** Renames one of the account's own passkeys; another account's id is "not found". */
export async function renamePasskey(options: { userId: string; passkeyId: string; name: string }): Promise<{ ok: true } | { ok: false; reason: "forbidden" }> {
  const renamed = await db.passkey.updateMany({
    where: { id: options.passkeyId, userId: options.userId },
    data: { name: options.name.trim().slice(0, passkeyNameMaxLength) },
  });
  return renamed.count === 1 ? { ok: true } : { ok: false, reason: "forbidden" };
}

/**
 * Removes one of the account's passkeys; it never works again. If it was the last second factor
 * (no other passkey, no authenticator app), two-factor authentication goes off with it, exactly
 * as "Disable" does: backup codes die and the other sessions end.
 */
export async function removePasskey(options: {
  userId: string;
  passkeyId: string;
  sessionId: string;
  context: RequestContext;
}): Promise<{ ok: true; turnedTwoFactorOff: boolean } | { ok: false; reason: "forbidden" }> {
  return db.$transaction(async (transaction) => {
    const removed = await transaction.passkey.deleteMany({ where: { id: options.passkeyId, userId: options.userId } });
    if (removed.count !== 1) return { ok: false as const, reason: "forbidden" as const };
    const [passkeysLeft, twoFactor] = await Promise.all([
      transaction.passkey.count({ where: { userId: options.userId } }),
      transaction.twoFactor.findUnique({ where: { userId: options.userId }, select: { secretEncrypted: true } }),
    ]);
    const lastFactor = passkeysLeft === 0 && !twoFactor?.secretEncrypted;
    if (lastFactor && (await removeTwoFactor(transaction, { userId: options.userId, exceptSessionId: options.sessionId }))) {
      await recordNotifiedSecurityEvent({ userId: options.userId, kind: "two_factor_disabled", context: options.context, transaction });
      return { ok: true as const, turnedTwoFactorOff: true };
    }
    await recordNotifiedSecurityEvent({ userId: options.userId, kind: "passkey_removed", context: options.context, transaction });
    return { ok: true as const, turnedTwoFactorOff: false };
  });
}
