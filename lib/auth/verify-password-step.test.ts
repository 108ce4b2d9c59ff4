import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { argon2CallCount } from "../crypto/argon2";
import { closeDb, db, ensureDatabaseReady } from "../db";
import { tempDir, testEngines, type TestEngine } from "../db/testing";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { generateTotpCode } from "../two-factor/totp";
import { startSession } from "./start-session";
import { verifyPasswordStep } from "./verify-password-step";

const context = { ip: "203.0.113.7", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const password = "correct horse battery staple";

describe.each(testEngines())("verifyPasswordStep on $name", (engine) => {
  useFreshAppDatabase(engine);

  async function newUser(): Promise<{ email: string; userId: string }> {
    const email = `user-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password, context });
    if (!created.ok) throw new Error(`could not create ${email}`);
    return { email, userId: created.userId };
  }

  async function withTwoFactor(userId: string): Promise<void> {
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, keyring });
    const code = await generateTotpCode({ secret: setup!.secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true });
  }

  async function argon2CallsDuring<T>(action: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const before = argon2CallCount();
    const result = await action();
    return { result, calls: argon2CallCount() - before };
  }

  const failedPasswordEvents = (userId: string | null) =>
    db.securityEvent.count({ where: { userId, type: "sign_in_failed_password" } });

  it("completes the sign-in with the right password when two-factor authentication is off", async () => {
    const { email, userId } = await newUser();

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context }));

    expect(result).toEqual({ outcome: "complete", userId });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(0);
  });

  it("asks for the second step with the right password when two-factor authentication is on", async () => {
    const { email, userId } = await newUser();
    await withTwoFactor(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context }));

    expect(result).toEqual({ outcome: "two_factor_required", userId });
    expect(calls).toBe(1);
  });

  it("asks for nothing more while the setup is only pending (no code verified yet)", async () => {
    const { email, userId } = await newUser();
    await ensurePendingSetup({ userId, keyring });

    expect(await verifyPasswordStep({ email, password, context })).toEqual({ outcome: "complete", userId });
  });

  it("refuses a wrong password with one argon2 computation and records the failure", async () => {
    const { email, userId } = await newUser();

    const { result, calls } = await argon2CallsDuring(() =>
      verifyPasswordStep({ email, password: `${password}!`, context }),
    );

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    const events = await db.securityEvent.findMany({ where: { userId, type: "sign_in_failed_password" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip: context.ip, userAgent: context.userAgent });
  });

  it("refuses a wrong password the same way when two-factor authentication is on", async () => {
    const { email, userId } = await newUser();
    await withTwoFactor(userId);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password: "wrong password", context }));

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(userId)).toBe(1);
  });

  it("refuses an unknown email with the same answer and the same one argon2 computation", async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    const before = await failedPasswordEvents(null);

    const { result, calls } = await argon2CallsDuring(() => verifyPasswordStep({ email, password, context }));

    expect(result).toEqual({ outcome: "invalid" });
    expect(calls).toBe(1);
    expect(await failedPasswordEvents(null)).toBe(before + 1);
  });
});

/**
 * lib/db opens its database on first use from DATA_DIR / DATABASE_URL, so each engine's
 * suite points those at a fresh database first and closes it afterwards (Vitest then exits).
 */
function useFreshAppDatabase(engine: TestEngine): void {
  let cleanup = async () => {};
  beforeAll(async () => {
    if (engine.name === "postgresql") {
      const database = await engine.create();
      process.env.DATABASE_URL = database.connectionString;
      cleanup = () => database.destroy();
    } else {
      const dataDir = tempDir("nidan-unit-");
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dataDir;
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    await ensureDatabaseReady();
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await cleanup();
  }, 60_000);
}
