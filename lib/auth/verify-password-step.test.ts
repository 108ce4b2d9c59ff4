import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { argon2NeedsRehash, argon2Parameters, owaspMinimumArgon2Cost } from "../crypto/argon2";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { passwordPerClientPolicy, passwordPerDevicePolicy, passwordUntrustedPolicy, rateLimitKey } from "../security/rate-limit";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { generateTotpCode } from "../two-factor/totp";
import type { PresentedDeviceCookie } from "./device-cookie";
import { rememberDevice } from "./device-cookie";
import { startSession } from "./start-session";
import { verifyPasswordStep } from "./password-step";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const keyring = { current: randomBytes(32), previous: [] };
const password = "correct horse battery staple";
/** A client address (IPv6 documentation range) of its own for each test, so one test's per-client count never touches another. */
const newContext = () => ({ ip: `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`, userAgent: "vitest" });

describe.each(testEngines())("verifyPasswordStep on $name", (engine) => {
  useFreshAppDatabase(engine);

  async function newUser(): Promise<{ email: string; userId: string }> {
    const email = `user-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password, context: newContext() });
    if (!created.ok) throw new Error(`could not create ${email}`);
    return { email, userId: created.userId };
  }

  async function turnOnTwoFactor(userId: string): Promise<void> {
    const context = newContext();
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    const code = await generateTotpCode({ secret: setup!.secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true, turnedOn: true });
  }

  async function argon2CallsDuring<T>(action: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const before = argon2Computations.computed();
    const result = await action();
    return { result, calls: argon2Computations.computed() - before };
  }

  /** The user's password hashed as before ADR 0008, with OWASP's minimum cost. */
  async function storeOwaspMinimumHash(userId: string): Promise<string> {
    const passwordHash = await hash(password, { ...argon2Parameters, ...owaspMinimumArgon2Cost });
    await db.user.update({ where: { id: userId }, data: { passwordHash } });
    return passwordHash;
  }

  const storedHash = async (userId: string) =>
    (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;

  const failedPasswordEvents = (userId: string | null) =>
    db.securityEvent.count({ where: { userId, type: "sign_in_failed_password" } });

  it("completes the sign-in with the right password when two-factor authentication is off", async () => {
    const { email, userId } = await newUser();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }));

    expect(result).toEqual({ ok: true, userId, twoFactorRequired: false });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(0);
  });

  it("asks for the second step with the right password when two-factor authentication is on", async () => {
    const { email, userId } = await newUser();
    await turnOnTwoFactor(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }));

    expect(result).toEqual({ ok: true, userId, twoFactorRequired: true });
    expect(calls).toBe(1);
  });

  it("asks for nothing more while the setup is only pending (no code verified yet)", async () => {
    const { email, userId } = await newUser();
    await ensurePendingSetup({ userId, sessionId: randomUUID(), keyring });

    expect(await verifyPasswordStep({ email, password, context: newContext() })).toEqual({ ok: true, userId, twoFactorRequired: false });
  });

  it("accepts a hash made with the earlier parameters and replaces it with one made with the current ones", async () => {
    const { email, userId } = await newUser();
    await turnOnTwoFactor(userId);
    const earlierHash = await storeOwaspMinimumHash(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }));

    expect(result).toEqual({ ok: true, userId, twoFactorRequired: true });
    expect(calls).toBe(2); // the verify, then the new hash
    const upgradedHash = await storedHash(userId);
    expect(upgradedHash).not.toBe(earlierHash);
    expect(upgradedHash.startsWith("$argon2id$v=19$m=65536,t=3,p=1$")).toBe(true);
    expect(argon2NeedsRehash(upgradedHash)).toBe(false);
    // The next sign-in verifies the new hash, and that is all it computes.
    expect(await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }))).toEqual({
      result: { ok: true, userId, twoFactorRequired: true },
      calls: 1,
    });
    expect(await storedHash(userId)).toBe(upgradedHash);
  });

  it("keeps a hash made with the earlier parameters when the password is wrong", async () => {
    const { email, userId } = await newUser();
    const earlierHash = await storeOwaspMinimumHash(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password: `${password}!`, context: newContext() }));

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(calls).toBe(1);
    expect(await storedHash(userId)).toBe(earlierHash);
    expect(await failedPasswordEvents(userId)).toBe(1);
  });

  it("refuses a wrong password with one argon2 computation and records the failure", async () => {
    const { email, userId } = await newUser();
    const context = newContext();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password: `${password}!`, context }));

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(calls).toBe(1);
    const events = await db.securityEvent.findMany({ where: { userId, type: "sign_in_failed_password" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip: context.ip, userAgent: context.userAgent });
  });

  it("refuses a wrong password the same way when two-factor authentication is on", async () => {
    const { email, userId } = await newUser();
    await turnOnTwoFactor(userId);

    const { result, calls } = await argon2CallsDuring(() =>
      verifyPasswordStep({ email, password: "wrong password", context: newContext() }),
    );

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(1);
  });

  it("refuses an unknown email with the same answer and the same one argon2 computation", async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    const context = newContext();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context }));

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(calls).toBe(1);
    const events = await db.securityEvent.findMany({ where: { type: "sign_in_failed_password", ip: context.ip } });
    expect(events).toMatchObject([{ userId: null }]);
  });

  /** Wrong passwords until the budget in use locks (10), each from `contextOf(attempt)`. */
  async function failUntilLocked(options: { email: string; contextOf: (attempt: number) => ReturnType<typeof newContext> | { ip: null; userAgent: string }; deviceCookies?: PresentedDeviceCookie[]; now: Date }) {
    for (let attempt = 0; attempt < passwordUntrustedPolicy.maxFailures; attempt += 1) {
      const result = await verifyPasswordStep({ email: options.email, password: `guess ${attempt}`, context: options.contextOf(attempt), deviceCookies: options.deviceCookies, now: options.now });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
  }

  const noAddress = () => ({ ip: null, userAgent: "vitest" });
  // 11 or more argon2 computations at 64 MiB and 3 passes (ADR 0008): seconds each on a busy two-core machine.
  const lockTimeout = { timeout: 120_000 };

  it("locks browsers without a device cookie out of the account after 10 failures from changing clients, even with the right password, at no argon2 cost", lockTimeout, async () => {
    const { email, userId } = await newUser();
    // One fixed instant, so the wait reported is exactly the first lock's, however slow the machine.
    const now = new Date();
    await failUntilLocked({ email, contextOf: newContext, now });

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext(), now }));

    expect(result).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: passwordUntrustedPolicy.lockSeconds[0] });
    expect(calls).toBe(0);
    expect(await failedPasswordEvents(userId)).toBe(passwordUntrustedPolicy.maxFailures);
    expect(await db.securityEvent.count({ where: { userId, type: "password_step_locked" } })).toBe(1);
  });

  it("lets the owner's own browser (its device cookie) in while other browsers are locked out", lockTimeout, async () => {
    const { email, userId } = await newUser();
    const device = await rememberDevice({ userId, presented: null });
    const now = new Date();
    await failUntilLocked({ email, contextOf: () => noAddress(), now });

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: noAddress(), deviceCookies: [device], now }));

    expect(result).toEqual({ ok: true, userId, twoFactorRequired: false });
    expect(calls).toBe(1);
    // The owner's success does not lift the strangers' lock.
    expect(await verifyPasswordStep({ email, password, context: noAddress(), now })).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("counts a device's failures against that device alone", lockTimeout, async () => {
    const { email, userId } = await newUser();
    const device = await rememberDevice({ userId, presented: null });
    const now = new Date();
    await failUntilLocked({ email, contextOf: () => noAddress(), deviceCookies: [device], now });

    expect(await verifyPasswordStep({ email, password, context: noAddress(), deviceCookies: [device], now })).toEqual({
      ok: false, reason: "rate_limited",
      retryAfterSeconds: passwordPerDevicePolicy.lockSeconds[0],
    });
    expect(await verifyPasswordStep({ email, password, context: noAddress(), now })).toEqual({ ok: true, userId, twoFactorRequired: false });
    expect(await db.securityEvent.count({ where: { userId, type: "password_step_locked" } })).toBe(0);
  });

  it("treats a cookie of another account, a revoked one or a wrong token as no cookie", lockTimeout, async () => {
    const { email, userId } = await newUser();
    const other = await newUser();
    const otherDevice = await rememberDevice({ userId: other.userId, presented: null });
    const revoked = await rememberDevice({ userId, presented: null });
    await db.deviceCookie.update({ where: { id: revoked.deviceId }, data: { revokedAt: new Date() } });
    const valid = await rememberDevice({ userId, presented: null });
    const wrongToken = { ...valid, token: (await rememberDevice({ userId, presented: null })).token };
    const renamed = { ...otherDevice, userId };
    const now = new Date();
    await failUntilLocked({ email, contextOf: () => noAddress(), now });

    for (const cookie of [otherDevice, revoked, wrongToken, renamed]) {
      expect(await verifyPasswordStep({ email, password, context: noAddress(), deviceCookies: [cookie], now })).toMatchObject({ ok: false, reason: "rate_limited" });
    }
    expect(await verifyPasswordStep({ email, password, context: noAddress(), deviceCookies: [otherDevice, valid], now })).toEqual({ ok: true, userId, twoFactorRequired: false });
  });

  it("locks an unknown email exactly like a known one, so the answer does not tell them apart", lockTimeout, async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    const now = new Date();
    await failUntilLocked({ email, contextOf: newContext, now });

    expect(await verifyPasswordStep({ email, password, context: newContext(), now })).toEqual({
      ok: false, reason: "rate_limited",
      retryAfterSeconds: passwordUntrustedPolicy.lockSeconds[0],
    });
  });

  it("with no client address known, pools no clients: one account's lock leaves another account alone", lockTimeout, async () => {
    const locked = await newUser();
    const other = await newUser();
    const now = new Date();
    await failUntilLocked({ email: locked.email, contextOf: () => noAddress(), now });

    expect(await verifyPasswordStep({ email: other.email, password, context: noAddress(), now })).toEqual({ ok: true, userId: other.userId, twoFactorRequired: false });
    // Nothing was counted for the client "unknown" (what main did: one bucket for everyone).
    expect(await db.rateLimit.count({ where: { key: { in: [rateLimitKey("password-client", "unknown"), rateLimitKey("password-account-client", locked.email, "unknown")] } } })).toBe(0);
  });

  // 56 argon2 computations at 64 MiB and 3 passes (ADR 0008): about 25 s on a busy two-core machine.
  it("does not count successful sign-ins from one client toward its limit", { timeout: 120_000 }, async () => {
    const context = newContext();
    const users = await Promise.all(Array.from({ length: 5 }, () => newUser()));
    for (let round = 0; round < passwordPerClientPolicy.maxFailures / users.length; round += 1) {
      const results = await Promise.all(users.map(({ email }) => verifyPasswordStep({ email, password, context })));
      expect(results.map((result) => result.ok && !result.twoFactorRequired)).toEqual(users.map(() => true));
    }

    const next = await verifyPasswordStep({ email: users[0].email, password, context });

    expect(next).toEqual({ ok: true, userId: users[0].userId, twoFactorRequired: false });
  });
});
