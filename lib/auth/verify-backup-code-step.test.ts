import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { backupCodeCount } from "../two-factor/backup-codes";
import { disableTwoFactor } from "../two-factor/disable-two-factor";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { getTwoFactorStatus } from "../two-factor/get-two-factor-status";
import { regenerateBackupCodes } from "../two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../two-factor/totp";
import { startSession } from "./start-session";
import { verifyBackupCodeStep } from "./code-steps";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const context = { ip: "203.0.113.9", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const refused = { ok: false, reason: "invalid" };

describe.each(testEngines())("verifyBackupCodeStep on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** A user with 2FA turned on the real way and a first set of backup codes. */
  async function userWithBackupCodes(): Promise<{ userId: string; sessionId: string; codes: string[] }> {
    const created = await createAccount({ email: `backup-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    const code = await generateTotpCode({ secret: setup!.secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true, turnedOn: true });
    const regenerated = await regenerateBackupCodes({ userId, context });
    if (!regenerated.ok) throw new Error("could not create backup codes");
    return { userId, sessionId, codes: regenerated.codes };
  }

  async function argon2CallsDuring<T>(action: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const before = argon2Computations.computed();
    const result = await action();
    return { result, calls: argon2Computations.computed() - before };
  }

  /** A code of the right shape that is not in the set. */
  const notInSet = (codes: string[]) => {
    let code = "00000000";
    while (codes.includes(code)) code = String(Number(code) + 1).padStart(8, "0");
    return code;
  };

  it("accepts each code once, with one argon2 computation per attempt however many codes are left", async () => {
    const { userId, codes } = await userWithBackupCodes();
    expect(codes).toHaveLength(backupCodeCount);
    const wrong = notInSet(codes);

    for (const [index, code] of codes.entries()) {
      const left = backupCodeCount - index;
      if (left === 10 || left === 5 || left === 1) {
        const failed = await argon2CallsDuring(() => verifyBackupCodeStep({ userId, code: wrong, context }));
        expect(failed, `a wrong code with ${left} codes left`).toEqual({ result: refused, calls: 1 });
      }
      const used = await argon2CallsDuring(() => verifyBackupCodeStep({ userId, code, context }));
      expect(used, `code ${index + 1} with ${left} codes left`).toEqual({ result: { ok: true }, calls: 1 });
      expect(await getTwoFactorStatus({ userId })).toMatchObject({ remainingBackupCodes: left - 1 });
    }

    for (const code of codes.slice(0, 3)) {
      expect(await verifyBackupCodeStep({ userId, code, context })).toEqual(refused);
    }
    expect(await db.backupCode.count({ where: { userId, usedAt: null } })).toBe(0);
    expect(await db.securityEvent.count({ where: { userId, type: "backup_code_used" } })).toBe(backupCodeCount);
  });

  it("numbers the set 1–10 in the order it was handed out, and the status names the numbers used and when", async () => {
    const { userId, codes } = await userWithBackupCodes();
    const stored = await db.backupCode.findMany({ where: { userId }, select: { position: true }, orderBy: { position: "asc" } });
    expect(stored.map((code) => code.position)).toEqual(codes.map((_, index) => index + 1));

    const before = new Date();
    expect(await verifyBackupCodeStep({ userId, code: codes[6], context })).toEqual({ ok: true });
    expect(await verifyBackupCodeStep({ userId, code: codes[1], context })).toEqual({ ok: true });
    const status = await getTwoFactorStatus({ userId });
    expect(status.remainingBackupCodes).toBe(backupCodeCount - 2);
    expect(status.usedBackupCodes.map((code) => code.position)).toEqual([2, 7]);
    for (const used of status.usedBackupCodes) expect(used.usedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("still lists the used codes of a set made before numbering, without a number", async () => {
    const { userId, codes } = await userWithBackupCodes();
    await db.backupCode.updateMany({ where: { userId }, data: { position: null } });
    expect(await verifyBackupCodeStep({ userId, code: codes[0], context })).toEqual({ ok: true });
    const status = await getTwoFactorStatus({ userId });
    expect(status).toMatchObject({ remainingBackupCodes: backupCodeCount - 1, usedBackupCodes: [{ position: null }] });
  });

  it("refuses a used code", async () => {
    const { userId, codes } = await userWithBackupCodes();

    expect(await verifyBackupCodeStep({ userId, code: codes[3], context })).toEqual({ ok: true });
    expect(await verifyBackupCodeStep({ userId, code: codes[3], context })).toEqual(refused);
    expect(await db.securityEvent.count({ where: { userId, type: "sign_in_failed_code" } })).toBe(1);
  });

  it("lets exactly one of 20 simultaneous attempts with one code in, and marks exactly one row used", async () => {
    const { userId, codes } = await userWithBackupCodes();

    const results = await Promise.all(Array.from({ length: 20 }, () => verifyBackupCodeStep({ userId, code: codes[0], context })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    // The others are refused as wrong or, past the code-step limit, as rate limited.
    expect(results.filter((result) => !result.ok)).toHaveLength(19);
    expect(await db.backupCode.count({ where: { userId, usedAt: { not: null } } })).toBe(1);
    expect(await db.backupCode.count({ where: { userId, usedAt: null } })).toBe(backupCodeCount - 1);
  });

  it("makes every earlier code, used or not, fail after a regeneration", async () => {
    const { userId, codes: earlier } = await userWithBackupCodes();
    expect(await verifyBackupCodeStep({ userId, code: earlier[0], context })).toEqual({ ok: true });

    // A minute on: one set a minute per user (ADR 0010).
    const regenerated = await regenerateBackupCodes({ userId, context, now: new Date(Date.now() + 60_000) });
    if (!regenerated.ok) throw new Error("could not regenerate");

    expect(regenerated.codes.some((code) => earlier.includes(code))).toBe(false);
    // Fewer than the code-step limit (10) of failures in a row, so every refusal is a check.
    for (const code of earlier.slice(0, 6)) {
      expect(await verifyBackupCodeStep({ userId, code, context })).toEqual(refused);
    }
    expect(await db.backupCode.count({ where: { userId } })).toBe(backupCodeCount);
    expect(await db.backupCode.count({ where: { userId, usedAt: null } })).toBe(backupCodeCount);
    expect(await verifyBackupCodeStep({ userId, code: regenerated.codes[0], context })).toEqual({ ok: true });
    // After a success the count starts over: the rest of the old set is checked, and refused, too.
    for (const code of earlier.slice(6)) {
      expect(await verifyBackupCodeStep({ userId, code, context })).toEqual(refused);
    }
  });

  it("deletes every code row when two-factor authentication is turned off", async () => {
    const { userId, sessionId, codes } = await userWithBackupCodes();
    expect(await verifyBackupCodeStep({ userId, code: codes[0], context })).toEqual({ ok: true });

    expect(await disableTwoFactor({ userId, sessionId, context })).toEqual({ ok: true });

    expect(await db.backupCode.count({ where: { userId } })).toBe(0);
    expect(await db.twoFactor.findUnique({ where: { userId } })).toBeNull();
    expect(await verifyBackupCodeStep({ userId, code: codes[1], context })).toEqual(refused);
  });

  it("refuses any code for a user without two-factor authentication", async () => {
    const created = await createAccount({ email: `plain-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");

    expect(await regenerateBackupCodes({ userId: created.userId, context })).toEqual({ ok: false, reason: "two_factor_off" });
    expect(await verifyBackupCodeStep({ userId: created.userId, code: "12345678", context })).toEqual(refused);
  });
});
