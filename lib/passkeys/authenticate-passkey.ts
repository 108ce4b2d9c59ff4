import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { guardCodeStep } from "../auth/code-steps";
import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import type { RelyingParty } from "./relying-party";
import { type ChallengePurpose, storeChallenge, takeChallenge } from "./webauthn-challenge";

type SignInPurpose = Exclude<ChallengePurpose, "register">;

/**
 * The options for the browser's "use a passkey" dialog. A passwordless sign-in names no account
 * (the browser offers its discoverable passkeys for this site); the second step names the
 * account's own, bound to its pending sign-in.
 */
export async function startPasskeyAuthentication(options: {
  purpose: SignInPurpose;
  relyingParty: RelyingParty;
  /** The second step: whose passkeys, and the pending sign-in's nonce. */
  pending?: { userId: string; nonce: string };
}): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; token: string }> {
  const passkeys = options.pending
    ? await db.passkey.findMany({ where: { userId: options.pending.userId }, select: { credentialId: true, transports: true } })
    : [];
  const request = await generateAuthenticationOptions({
    rpID: options.relyingParty.id,
    userVerification: "required",
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports?.split(",") as never })),
  });
  const { token } = await storeChallenge({
    purpose: options.purpose,
    challenge: request.challenge,
    userId: options.pending?.userId,
    boundTo: options.pending?.nonce,
  });
  return { options: request, token };
}

type AssertionResult = { ok: true; userId: string } | { ok: false; reason: "expired" | "invalid" };

/**
 * Checks one assertion against a challenge already spent: the passkey must exist (a removed one
 * never works again), belong to `expectedUserId` when one is named, verify for this relying
 * party with user verification, and its signature counter must move forward. The library's
 * own counter check runs before the signature is verified, so it is given 0 and the check is
 * made here, after it: only a genuine signature with a counter gone backwards is a clone.
 */
async function verifyAssertion(options: {
  challenge: string;
  response: string;
  relyingParty: RelyingParty;
  expectedUserId?: string;
  context: RequestContext;
  now: Date;
}): Promise<AssertionResult> {
  let response: AuthenticationResponseJSON;
  try {
    response = JSON.parse(options.response) as AuthenticationResponseJSON;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (typeof response?.id !== "string") return { ok: false, reason: "invalid" };
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || (options.expectedUserId && passkey.userId !== options.expectedUserId)) return { ok: false, reason: "invalid" };
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: options.relyingParty.origin,
      expectedRPID: options.relyingParty.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: 0,
        transports: passkey.transports?.split(",") as never,
      },
    });
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!verification.verified) return { ok: false, reason: "invalid" };
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  const stored = passkey.signCount;
  const next = BigInt(newCounter);
  if ((next > 0n || stored > 0n) && next <= stored) {
    console.warn(`[passkey] signature counter went backwards for passkey ${passkey.id} of user ${passkey.userId}: refused (a cloned authenticator?)`);
    await recordSecurityEvent({ userId: passkey.userId, type: "passkey_counter_regressed", context: options.context });
    return { ok: false, reason: "invalid" };
  }
  // Conditional on the counter read: two assertions racing with one counter let in one.
  const moved = await db.passkey.updateMany({
    where: { id: passkey.id, signCount: stored },
    data: { signCount: next, backedUp: credentialBackedUp, lastUsedAt: options.now },
  });
  if (moved.count !== 1 && next > 0n) return { ok: false, reason: "invalid" };
  return { ok: true, userId: passkey.userId };
}

/**
 * "Sign in with a passkey": the passkey alone, with user verification, is both factors. Returns
 * the account to start a session for.
 */
export async function finishPasskeySignIn(options: {
  token: string | undefined;
  response: string;
  relyingParty: RelyingParty;
  context: RequestContext;
  now?: Date;
}): Promise<AssertionResult> {
  const now = options.now ?? new Date();
  const challenge = await takeChallenge({ token: options.token, purpose: "sign_in", now });
  if (!challenge) return { ok: false, reason: "expired" };
  return verifyAssertion({ ...options, challenge: challenge.challenge, now });
}

/**
 * "Use a passkey" as the second step of a sign-in: the pending sign-in's challenge, one of its
 * account's passkeys, and the same per-account budget as the security and backup codes.
 */
export async function finishPasskeySecondStep(options: {
  pending: { userId: string; nonce: string; passwordStepAt: Date };
  token: string | undefined;
  response: string;
  relyingParty: RelyingParty;
  context: RequestContext;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; reason: "expired" | "invalid" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }> {
  const now = options.now ?? new Date();
  const challenge = await takeChallenge({ token: options.token, purpose: "second_factor", userId: options.pending.userId, boundTo: options.pending.nonce, now });
  if (!challenge) return { ok: false, reason: "expired" };
  return guardCodeStep({
    userId: options.pending.userId,
    context: options.context,
    passwordStepAt: options.pending.passwordStepAt,
    now,
    check: async () =>
      (await verifyAssertion({ ...options, challenge: challenge.challenge, expectedUserId: options.pending.userId, now })).ok,
  });
}
