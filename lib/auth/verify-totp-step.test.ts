import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { generateTotpCode, totpTimeStepSeconds } from "../two-factor/totp";
import { startSession } from "./start-session";
import { verifyTotpStep } from "./code-steps";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const context = { ip: "203.0.113.7", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const refused = { ok: false, reason: "invalid" };

/** The middle of a time step: a code computed there belongs to that step, whatever the clock does meanwhile. */
const midStep = (timeStep: number) => new Date((timeStep * totpTimeStepSeconds + totpTimeStepSeconds / 2) * 1000);

describe.each(testEngines())("verifyTotpStep on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** A user who turned 2FA on the real way; `enabledStep` is the step of the code that enabled it. */
  async function userWithTwoFactor(): Promise<{ userId: string; secret: string; enabledStep: number }> {
    const created = await createAccount({ email: `totp-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    const secret = setup!.secret;
    const enabled = await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context });
    expect(enabled).toEqual({ ok: true, turnedOn: true });
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId }, select: { lastUsedTimeStep: true } });
    return { userId, secret, enabledStep: row.lastUsedTimeStep! };
  }

  const codeAt = (secret: string, timeStep: number) => generateTotpCode({ secret, now: midStep(timeStep) });
  const lastUsedTimeStep = async (userId: string) =>
    (await db.twoFactor.findUniqueOrThrow({ where: { userId }, select: { lastUsedTimeStep: true } })).lastUsedTimeStep;

  it("accepts the code of the next step (now + 30 s), once: the same code again is a replay", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();
    const now = midStep(enabledStep);
    const nextStepCode = await codeAt(secret, enabledStep + 1);
    const argon2Before = argon2Computations.computed();

    expect(await verifyTotpStep({ userId, code: nextStepCode, keyring, context, now })).toEqual({ ok: true });
    expect(await lastUsedTimeStep(userId)).toBe(enabledStep + 1);
    expect(await verifyTotpStep({ userId, code: nextStepCode, keyring, context, now })).toEqual(refused);

    expect(argon2Computations.computed() - argon2Before).toBe(0);
    expect(await lastUsedTimeStep(userId)).toBe(enabledStep + 1);
    expect(await db.securityEvent.count({ where: { userId, type: "sign_in_failed_code" } })).toBe(1);
  });

  it("refuses the code that turned 2FA on (its step is used)", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();

    const result = await verifyTotpStep({ userId, code: await codeAt(secret, enabledStep), keyring, context, now: midStep(enabledStep) });

    expect(result).toEqual(refused);
  });

  it("refuses codes two steps away (−2 and +2) but accepts ±1", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();
    // Ten steps (five minutes) later, so that every step tried here is after the one used to enable.
    const step = enabledStep + 10;
    const now = midStep(step);

    expect(await verifyTotpStep({ userId, code: await codeAt(secret, step - 2), keyring, context, now })).toEqual(refused);
    expect(await verifyTotpStep({ userId, code: await codeAt(secret, step + 2), keyring, context, now })).toEqual(refused);
    expect(await lastUsedTimeStep(userId)).toBe(enabledStep);

    expect(await verifyTotpStep({ userId, code: await codeAt(secret, step - 1), keyring, context, now })).toEqual({ ok: true });
    expect(await verifyTotpStep({ userId, code: await codeAt(secret, step + 1), keyring, context, now })).toEqual({ ok: true });
    expect(await lastUsedTimeStep(userId)).toBe(step + 1);
    expect(await db.securityEvent.count({ where: { userId, type: "sign_in_failed_code" } })).toBe(2);
  });

  it("refuses an earlier step's code once a later step has been used", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();
    const now = midStep(enabledStep + 10);
    const current = await codeAt(secret, enabledStep + 10);
    const previous = await codeAt(secret, enabledStep + 9);

    expect(await verifyTotpStep({ userId, code: current, keyring, context, now })).toEqual({ ok: true });
    expect(await verifyTotpStep({ userId, code: previous, keyring, context, now })).toEqual(refused);
  });

  it("lets exactly one of two simultaneous verifications of one fresh code in, with no argon2 computation", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();
    const now = midStep(enabledStep + 1);
    const code = await codeAt(secret, enabledStep + 1);
    const argon2Before = argon2Computations.computed();

    const results = await Promise.all([1, 2].map(() => verifyTotpStep({ userId, code, keyring, context, now })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(argon2Computations.computed() - argon2Before).toBe(0);
    expect(await lastUsedTimeStep(userId)).toBe(enabledStep + 1);
  });

  it("refuses malformed codes and users without 2FA", async () => {
    const { userId, secret, enabledStep } = await userWithTwoFactor();
    const now = midStep(enabledStep + 1);
    const code = await codeAt(secret, enabledStep + 1);
    for (const malformed of ["", "12345", "1234567", "abcdef", `${code}0`]) {
      expect(await verifyTotpStep({ userId, code: malformed, keyring, context, now })).toEqual(refused);
    }
    const other = await createAccount({ email: `no-2fa-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!other.ok) throw new Error("could not create the user");
    expect(await verifyTotpStep({ userId: other.userId, code, keyring, context, now })).toEqual(refused);
    // The right code still works afterwards: the refusals claimed no step.
    expect(await verifyTotpStep({ userId, code, keyring, context, now })).toEqual({ ok: true });
  });
});
