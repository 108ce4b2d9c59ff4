import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON, verifyRegistrationResponse } from "@simplewebauthn/server";
import { endSessions } from "../auth/end-session";
import { db } from "../db";
import { recordNotifiedSecurityEvent } from "../notifications/record-notified-event";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { defaultPasskeyName } from "./passkey-name";
import type { RelyingParty } from "./relying-party";
import { storeChallenge, takeChallenge } from "./webauthn-challenge";

/** At most this many passkeys per account: the options list them all to exclude. */
export const maxPasskeysPerAccount = 20;

/**
 * The options for the browser's "create a passkey" dialog: a discoverable credential with user
 * verification (so it alone can sign in), none of the account's own passkeys again.
 */
export async function startPasskeyRegistration(options: {
  userId: string;
  sessionId: string;
  relyingParty: RelyingParty;
}): Promise<{ ok: true; options: PublicKeyCredentialCreationOptionsJSON; token: string } | { ok: false; reason: "too_many" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { email: true, passkeys: { select: { credentialId: true, transports: true } } } });
  if (user.passkeys.length >= maxPasskeysPerAccount) return { ok: false, reason: "too_many" };
  const creation = await generateRegistrationOptions({
    rpName: options.relyingParty.name,
    rpID: options.relyingParty.id,
    userName: user.email,
    // The user handle a discoverable credential returns: the account id's bytes, never the address.
    userID: new TextEncoder().encode(options.userId),
    attestationType: "none",
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports?.split(",") as never })),
  });
  const { token } = await storeChallenge({ purpose: "register", challenge: creation.challenge, userId: options.userId, boundTo: options.sessionId });
  return { ok: true, options: creation, token };
}

export type FinishRegistrationResult =
  | { ok: true; passkeyId: string; turnedTwoFactorOn: boolean }
  | { ok: false; reason: "expired" | "invalid" | "already_added" | "too_many" };

/**
 * Stores the passkey the browser made, if its response answers this session's challenge for this
 * relying party with user verification. The first second factor of an account turns two-factor
 * authentication on, as enabling the authenticator app does (other sessions end).
 */
export async function finishPasskeyRegistration(options: {
  userId: string;
  sessionId: string;
  token: string | undefined;
  response: string;
  relyingParty: RelyingParty;
  context: RequestContext;
  now?: Date;
}): Promise<FinishRegistrationResult> {
  const now = options.now ?? new Date();
  const challenge = await takeChallenge({ token: options.token, purpose: "register", userId: options.userId, boundTo: options.sessionId, now });
  if (!challenge) return { ok: false, reason: "expired" };
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: JSON.parse(options.response) as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: options.relyingParty.origin,
      expectedRPID: options.relyingParty.id,
      requireUserVerification: true,
    });
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!verification.verified || !verification.registrationInfo) return { ok: false, reason: "invalid" };
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
  if (await db.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) return { ok: false, reason: "already_added" };
  // Checked again here: ceremonies started together all passed the check when they began.
  if ((await db.passkey.count({ where: { userId: options.userId } })) >= maxPasskeysPerAccount) return { ok: false, reason: "too_many" };

  try {
    return await db.$transaction(async (transaction) => {
      const passkey = await transaction.passkey.create({
        data: {
          userId: options.userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString("base64url"),
          signCount: BigInt(credential.counter),
          transports: credential.transports?.join(",") ?? null,
          deviceType: credentialDeviceType,
          backedUp: credentialBackedUp,
          name: defaultPasskeyName({ aaguid, userAgent: options.context.userAgent, now }),
          createdAt: now,
        },
      });
      const turnedOn = await transaction.twoFactor.updateMany({
        where: { userId: options.userId, enabledAt: null },
        data: { enabledAt: now, pendingSecretEncrypted: null, pendingSessionId: null, pendingCreatedAt: null, backupCodeSalt: null, backupCodesCreatedAt: null },
      });
      const created = turnedOn.count === 0 && !(await transaction.twoFactor.findUnique({ where: { userId: options.userId }, select: { userId: true } }));
      if (created) await transaction.twoFactor.create({ data: { userId: options.userId, enabledAt: now } });
      const turnedTwoFactorOn = turnedOn.count === 1 || created;
      if (turnedTwoFactorOn) {
        // A new second factor starts a new life, as enabling the authenticator app does.
        await transaction.backupCode.deleteMany({ where: { userId: options.userId } });
        await endSessions({ userId: options.userId, exceptSessionId: options.sessionId, transaction });
        await recordSecurityEvent({ userId: options.userId, type: "two_factor_enabled", context: options.context, transaction });
      }
      await recordNotifiedSecurityEvent({ userId: options.userId, kind: "passkey_added", context: options.context, transaction });
      return { ok: true as const, passkeyId: passkey.id, turnedTwoFactorOn };
    });
  } catch (error) {
    // The same credential sent twice at once: the unique credential id lets one in.
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "already_added" };
    throw error;
  }
}
