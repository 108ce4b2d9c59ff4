import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { argon2CallCount, argon2NeedsRehash, argon2Parameters, owaspMinimumArgon2Cost } from "../crypto/argon2";
import { db } from "../db";
import { testEngines } from "../db/testing";
import { passwordPerAccountAndClientPolicy, passwordPerClientPolicy } from "../security/rate-limit";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { generateTotpCode } from "../two-factor/totp";
import { startSession } from "./start-session";
import { verifyPasswordStep } from "./verify-password-step";
import { useFreshAppDatabase } from "../db/use-fresh-app-database";

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
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true });
  }

  async function argon2CallsDuring<T>(action: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const before = argon2CallCount();
    const result = await action();
    return { result, calls: argon2CallCount() - before };
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

    expect(result).toEqual({ outcome: "complete", userId });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(0);
  });

  it("asks for the second step with the right password when two-factor authentication is on", async () => {
    const { email, userId } = await newUser();
    await turnOnTwoFactor(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }));

    expect(result).toEqual({ outcome: "two_factor_required", userId });
    expect(calls).toBe(1);
  });

  it("asks for nothing more while the setup is only pending (no code verified yet)", async () => {
    const { email, userId } = await newUser();
    await ensurePendingSetup({ userId, sessionId: randomUUID(), keyring });

    expect(await verifyPasswordStep({ email, password, context: newContext() })).toEqual({ outcome: "complete", userId });
  });

  it("accepts a hash made with the earlier parameters and replaces it with one made with the current ones", async () => {
    const { email, userId } = await newUser();
    await turnOnTwoFactor(userId);
    const earlierHash = await storeOwaspMinimumHash(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }));

    expect(result).toEqual({ outcome: "two_factor_required", userId });
    expect(calls).toBe(2); // the verify, then the new hash
    const upgradedHash = await storedHash(userId);
    expect(upgradedHash).not.toBe(earlierHash);
    expect(upgradedHash.startsWith("$argon2id$v=19$m=65536,t=3,p=1$")).toBe(true);
    expect(argon2NeedsRehash(upgradedHash)).toBe(false);
    // The next sign-in verifies the new hash, and that is all it computes.
    expect(await argon2CallsDuring(() => verifyPasswordStep({ email, password, context: newContext() }))).toEqual({
      result: { outcome: "two_factor_required", userId },
      calls: 1,
    });
    expect(await storedHash(userId)).toBe(upgradedHash);
  });

  it("keeps a hash made with the earlier parameters when the password is wrong", async () => {
    const { email, userId } = await newUser();
    const earlierHash = await storeOwaspMinimumHash(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password: `${password}!`, context: newContext() }));

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    expect(await storedHash(userId)).toBe(earlierHash);
    expect(await failedPasswordEvents(userId)).toBe(1);
  });

  it("refuses a wrong password with one argon2 computation and records the failure", async () => {
    const { email, userId } = await newUser();
    const context = newContext();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password: `${password}!`, context }));

    expect(result).toEqual({ outcome: "invalid" });
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

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(1);
  });

  it("refuses an unknown email with the same answer and the same one argon2 computation", async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    const context = newContext();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context }));

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    const events = await db.securityEvent.findMany({ where: { type: "sign_in_failed_password", ip: context.ip } });
    expect(events).toMatchObject([{ userId: null }]);
  });

  it("stops guessing on one account from one client after the limit, with no argon2 computation", async () => {
    const { email, userId } = await newUser();
    const context = newContext();
    // One fixed instant, so the wait reported is exactly the first lock's, however slow the machine.
    const now = new Date();
    for (let attempt = 0; attempt < passwordPerAccountAndClientPolicy.maxFailures; attempt += 1) {
      expect(await verifyPasswordStep({ email, password: `guess ${attempt}`, context, now })).toEqual({ outcome: "invalid" });
    }

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context, now }));

    expect(result).toEqual({ outcome: "rate_limited", retryAfterSeconds: passwordPerAccountAndClientPolicy.lockSeconds[0] });
    expect(calls).toBe(0);
    expect(await failedPasswordEvents(userId)).toBe(passwordPerAccountAndClientPolicy.maxFailures);
    // Another client is not locked out of the account by them.
    expect(await verifyPasswordStep({ email, password, context: newContext(), now })).toEqual({ outcome: "complete", userId });
  });

  // 56 argon2 computations at 64 MiB and 3 passes (ADR 0008): about 25 s on a busy two-core machine.
  it("does not count successful sign-ins from one client toward its limit", { timeout: 120_000 }, async () => {
    const context = newContext();
    const users = await Promise.all(Array.from({ length: 5 }, () => newUser()));
    for (let round = 0; round < passwordPerClientPolicy.maxFailures / users.length; round += 1) {
      const results = await Promise.all(users.map(({ email }) => verifyPasswordStep({ email, password, context })));
      expect(results.map((result) => result.outcome)).toEqual(users.map(() => "complete"));
    }

    const next = await verifyPasswordStep({ email: users[0].email, password, context });

    expect(next).toEqual({ outcome: "complete", userId: users[0].userId });
  });
});
