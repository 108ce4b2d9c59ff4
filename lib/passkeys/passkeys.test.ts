import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testEngines } from "../../testing/databases";
import { SoftwareAuthenticator } from "../../testing/software-authenticator";
import { createTestAccount, testContext } from "../../testing/test-accounts";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { db } from "../db";
import { finishPasskeySecondStep, finishPasskeySignIn, startPasskeyAuthentication } from "./authenticate-passkey";
import { startSession } from "../auth/start-session";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../two-factor/totp";
import { removePasskey, secondFactorsOf } from "./manage-passkeys";
import { finishPasskeyRegistration, startPasskeyRegistration } from "./register-passkey";
import { relyingPartyOf } from "./relying-party";
import { storeChallenge, takeChallenge, webAuthnChallengeTtlSeconds } from "./webauthn-challenge";

const relyingParty = relyingPartyOf({ origin: "http://localhost:3000", appName: "Nidan" });
const elsewhere = relyingPartyOf({ origin: "https://nidan.example.com", appName: "Nidan" });

/** Adds a passkey to `account` as the settings page does: options, the authenticator, the check. */
async function addPasskey(account: { id: string; sessionId: string }, authenticator = new SoftwareAuthenticator()) {
  const started = await startPasskeyRegistration({ userId: account.id, sessionId: account.sessionId, relyingParty });
  if (!started.ok) throw new Error(started.reason);
  const response = authenticator.register({ challenge: started.options.challenge, origin: relyingParty.origin, rpId: relyingParty.id });
  const added = await finishPasskeyRegistration({ userId: account.id, sessionId: account.sessionId, token: started.token, response: JSON.stringify(response), relyingParty, context: testContext });
  if (!added.ok) throw new Error(added.reason);
  return { authenticator, ...added };
}

/** A passwordless sign-in: options, then the authenticator's assertion (`assert` may change it). */
async function signIn(authenticator: SoftwareAuthenticator, assert: Partial<Parameters<SoftwareAuthenticator["assert"]>[0]> = {}) {
  const started = await startPasskeyAuthentication({ purpose: "sign_in", relyingParty });
  const response = authenticator.assert({ challenge: started.options.challenge, origin: relyingParty.origin, rpId: relyingParty.id, ...assert });
  const body = JSON.stringify(response);
  return { result: await finishPasskeySignIn({ token: started.token, response: body, relyingParty, context: testContext }), token: started.token, body };
}

describe.each(testEngines())("passkeys on $name", (engine) => {
  useFreshAppDatabase(engine);

  describe("challenges", () => {
    it("are single-use: the second take of one token gets nothing, and of several at once exactly one wins", async () => {
      const { token } = await storeChallenge({ purpose: "sign_in", challenge: "abc" });
      expect(await takeChallenge({ token, purpose: "sign_in" })).toEqual({ challenge: "abc" });
      expect(await takeChallenge({ token, purpose: "sign_in" })).toBeNull();

      const raced = await storeChallenge({ purpose: "sign_in", challenge: "def" });
      const results = await Promise.all(Array.from({ length: 6 }, () => takeChallenge({ token: raced.token, purpose: "sign_in" })));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("expire after five minutes and are pruned", async () => {
      const start = new Date("2026-12-03T10:00:00.000Z");
      const old = await storeChallenge({ purpose: "sign_in", challenge: "old", now: start });
      const late = new Date(start.getTime() + (webAuthnChallengeTtlSeconds + 1) * 1000);
      expect(await takeChallenge({ token: old.token, purpose: "sign_in", now: late })).toBeNull();

      const stale = await storeChallenge({ purpose: "sign_in", challenge: "stale", now: start });
      await storeChallenge({ purpose: "sign_in", challenge: "new", now: late });
      expect(await db.webAuthnChallenge.count({ where: { challenge: "stale" } })).toBe(0);
      expect(await takeChallenge({ token: stale.token, purpose: "sign_in", now: start })).toBeNull();
    });

    it("complete only the purpose, account and session or sign-in they were made for", async () => {
      const made = () => storeChallenge({ purpose: "second_factor", challenge: "c", userId: "7b0c9a1e-0000-4000-8000-000000000001", boundTo: "nonce-a" });
      expect(await takeChallenge({ token: (await made()).token, purpose: "sign_in" })).toBeNull();
      expect(await takeChallenge({ token: (await made()).token, purpose: "second_factor", userId: "7b0c9a1e-0000-4000-8000-000000000002", boundTo: "nonce-a" })).toBeNull();
      expect(await takeChallenge({ token: (await made()).token, purpose: "second_factor", userId: "7b0c9a1e-0000-4000-8000-000000000001", boundTo: "nonce-b" })).toBeNull();
      expect(await takeChallenge({ token: (await made()).token, purpose: "second_factor", userId: "7b0c9a1e-0000-4000-8000-000000000001", boundTo: "nonce-a" })).toEqual({ challenge: "c" });
      expect(await takeChallenge({ token: "not-a-token", purpose: "sign_in" })).toBeNull();
    });
  });

  describe("registration", () => {
    it("stores the passkey and turns two-factor authentication on for an account without it", async () => {
      const account = await createTestAccount();
      const { turnedTwoFactorOn, authenticator } = await addPasskey(account);
      expect(turnedTwoFactorOn).toBe(true);
      const stored = await db.passkey.findUniqueOrThrow({ where: { credentialId: authenticator.id } });
      expect(stored.userId).toBe(account.id);
      expect((await db.twoFactor.findUniqueOrThrow({ where: { userId: account.id } })).enabledAt).not.toBeNull();
      expect(await db.outboxMail.count({ where: { kind: "passkey_added" } })).toBeGreaterThanOrEqual(1);
    });

    it("refuses a response for another origin, without user verification, or with a challenge of another session", async () => {
      const account = await createTestAccount();
      const authenticator = new SoftwareAuthenticator();
      const attempt = async (options: { origin?: string; rpId?: string; userVerified?: boolean; sessionId?: string }) => {
        const started = await startPasskeyRegistration({ userId: account.id, sessionId: account.sessionId, relyingParty });
        if (!started.ok) throw new Error(started.reason);
        const response = authenticator.register({ challenge: started.options.challenge, origin: options.origin ?? relyingParty.origin, rpId: options.rpId ?? relyingParty.id, userVerified: options.userVerified });
        return finishPasskeyRegistration({ userId: account.id, sessionId: options.sessionId ?? account.sessionId, token: started.token, response: JSON.stringify(response), relyingParty, context: testContext });
      };
      expect(await attempt({ origin: elsewhere.origin, rpId: elsewhere.id })).toEqual({ ok: false, reason: "invalid" });
      expect(await attempt({ origin: elsewhere.origin })).toEqual({ ok: false, reason: "invalid" });
      expect(await attempt({ userVerified: false })).toEqual({ ok: false, reason: "invalid" });
      expect(await attempt({ sessionId: "1f0c9a1e-0000-4000-8000-000000000009" })).toEqual({ ok: false, reason: "expired" });
      expect(await db.passkey.count({ where: { userId: account.id } })).toBe(0);
    });
  });

  describe("sign-in", () => {
    it("signs in with the passkey alone and moves the stored counter", async () => {
      const account = await createTestAccount();
      const { authenticator } = await addPasskey(account);
      const { result } = await signIn(authenticator);
      expect(result).toEqual({ ok: true, userId: account.id });
      const stored = await db.passkey.findUniqueOrThrow({ where: { credentialId: authenticator.id } });
      expect(stored.signCount).toBe(1n);
      expect(stored.lastUsedAt).not.toBeNull();
    });

    it("refuses a replayed assertion: its challenge was spent", async () => {
      const account = await createTestAccount();
      const { authenticator } = await addPasskey(account);
      const first = await signIn(authenticator);
      expect(first.result.ok).toBe(true);
      expect(await finishPasskeySignIn({ token: first.token, response: first.body, relyingParty, context: testContext })).toEqual({ ok: false, reason: "expired" });
    });

    it("refuses a counter that goes backwards and records it (a cloned authenticator)", async () => {
      const account = await createTestAccount();
      const { authenticator } = await addPasskey(account);
      expect((await signIn(authenticator, { counter: 5 })).result.ok).toBe(true);
      expect((await signIn(authenticator, { counter: 5 })).result).toEqual({ ok: false, reason: "invalid" });
      expect((await signIn(authenticator, { counter: 3 })).result).toEqual({ ok: false, reason: "invalid" });
      expect(await db.securityEvent.count({ where: { userId: account.id, type: "passkey_counter_regressed" } })).toBe(2);
      expect((await db.passkey.findUniqueOrThrow({ where: { credentialId: authenticator.id } })).signCount).toBe(5n);
      expect((await signIn(authenticator, { counter: 6 })).result.ok).toBe(true);
    });

    it("accepts an authenticator that keeps its counter at zero (synced passkeys do)", async () => {
      const account = await createTestAccount();
      const { authenticator } = await addPasskey(account);
      expect((await signIn(authenticator, { counter: 0 })).result.ok).toBe(true);
      expect((await signIn(authenticator, { counter: 0 })).result.ok).toBe(true);
    });

    it("refuses an assertion without user verification, or for another relying party", async () => {
      const account = await createTestAccount();
      const { authenticator } = await addPasskey(account);
      expect((await signIn(authenticator, { userVerified: false })).result).toEqual({ ok: false, reason: "invalid" });
      expect((await signIn(authenticator, { origin: elsewhere.origin, rpId: elsewhere.id })).result).toEqual({ ok: false, reason: "invalid" });
    });

    it("never signs in with a removed passkey", async () => {
      const account = await createTestAccount();
      const { authenticator, passkeyId } = await addPasskey(account);
      expect(await removePasskey({ userId: account.id, passkeyId, sessionId: account.sessionId, context: testContext })).toEqual({ ok: true, turnedTwoFactorOff: true });
      expect(await db.twoFactor.count({ where: { userId: account.id } })).toBe(0);
      expect((await signIn(authenticator)).result).toEqual({ ok: false, reason: "invalid" });
    });

    it("as the second step, refuses another account's passkey", async () => {
      const owner = await createTestAccount();
      const other = await createTestAccount();
      const { authenticator: ownersAuthenticator } = await addPasskey(owner);
      await addPasskey(other);
      const pending = { userId: other.id, nonce: "pending-nonce", passwordStepAt: new Date() };
      const started = await startPasskeyAuthentication({ purpose: "second_factor", relyingParty, pending });
      expect(started.options.allowCredentials?.map((credential) => credential.id)).not.toContain(ownersAuthenticator.id);
      const response = ownersAuthenticator.assert({ challenge: started.options.challenge, origin: relyingParty.origin, rpId: relyingParty.id });
      const result = await finishPasskeySecondStep({ pending, token: started.token, response: JSON.stringify(response), relyingParty, context: testContext });
      expect(result).toEqual({ ok: false, reason: "invalid" });
      expect(await db.securityEvent.count({ where: { userId: other.id, type: "sign_in_failed_code" } })).toBe(1);
    });

    it("removing one of two passkeys leaves two-factor authentication on", async () => {
      const account = await createTestAccount();
      const first = await addPasskey(account);
      await addPasskey(account);
      expect(await removePasskey({ userId: account.id, passkeyId: first.passkeyId, sessionId: account.sessionId, context: testContext })).toEqual({ ok: true, turnedTwoFactorOff: false });
      expect((await db.twoFactor.findUniqueOrThrow({ where: { userId: account.id } })).enabledAt).not.toBeNull();
      const stranger = await createTestAccount();
      expect(await removePasskey({ userId: stranger.id, passkeyId: first.passkeyId, sessionId: stranger.sessionId, context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    });
  });

  describe("an authenticator app beside passkeys", () => {
    const keyring = { current: randomBytes(32), previous: [] };

    it("is added to a passkey-only account without turning anything off: the backup codes and other sessions stay, and the owner is mailed", async () => {
      const account = await createTestAccount();
      await addPasskey(account);
      const codes = await regenerateBackupCodes({ userId: account.id, context: testContext });
      if (!codes.ok) throw new Error("no backup codes");
      const other = await startSession({ userId: account.id, method: "password", context: testContext });
      const enabledAt = (await db.twoFactor.findUniqueOrThrow({ where: { userId: account.id } })).enabledAt;
      expect(await secondFactorsOf({ userId: account.id })).toEqual({ authenticatorApp: false, passkeys: 1 });

      const setup = await ensurePendingSetup({ userId: account.id, sessionId: account.sessionId, keyring });
      expect(setup).not.toBeNull();
      const added = await enableTwoFactor({ userId: account.id, sessionId: account.sessionId, code: await generateTotpCode({ secret: setup!.secret }), keyring, context: testContext });

      expect(added).toEqual({ ok: true, turnedOn: false });
      expect(await secondFactorsOf({ userId: account.id })).toEqual({ authenticatorApp: true, passkeys: 1 });
      const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: account.id } });
      expect(row.enabledAt).toEqual(enabledAt);
      expect(row.pendingSecretEncrypted).toBeNull();
      expect(await db.backupCode.count({ where: { userId: account.id, usedAt: null } })).toBe(10);
      expect((await db.session.findUniqueOrThrow({ where: { id: other.sessionId } })).revokedAt).toBeNull();
      expect(await db.outboxMail.count({ where: { kind: "authenticator_app_added", recipient: account.email } })).toBe(1);
      expect(await db.outboxMail.count({ where: { kind: "two_factor_enabled", recipient: account.email } })).toBe(0);
      // With an app there is no second key to set up.
      expect(await ensurePendingSetup({ userId: account.id, sessionId: account.sessionId, keyring })).toBeNull();
    });

    it("refuses a wrong code and a key shown to another session, and changes nothing", async () => {
      const account = await createTestAccount();
      await addPasskey(account);
      const setup = await ensurePendingSetup({ userId: account.id, sessionId: account.sessionId, keyring });
      const wrong = String((Number(await generateTotpCode({ secret: setup!.secret })) + 1) % 1_000_000).padStart(6, "0");
      expect(await enableTwoFactor({ userId: account.id, sessionId: account.sessionId, code: wrong, keyring, context: testContext })).toEqual({ ok: false, reason: "invalid_code" });
      const other = await startSession({ userId: account.id, method: "password", context: testContext });
      const code = await generateTotpCode({ secret: setup!.secret });
      expect(await enableTwoFactor({ userId: account.id, sessionId: other.sessionId, code, keyring, context: testContext })).toEqual({ ok: false, reason: "setup_expired" });
      expect(await secondFactorsOf({ userId: account.id })).toEqual({ authenticatorApp: false, passkeys: 1 });
    });

    it("counts nothing while two-factor authentication is off", async () => {
      const account = await createTestAccount();
      await ensurePendingSetup({ userId: account.id, sessionId: account.sessionId, keyring });
      expect(await secondFactorsOf({ userId: account.id })).toEqual({ authenticatorApp: false, passkeys: 0 });
    });
  });
});
