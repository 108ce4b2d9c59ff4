import { describe, expect, it } from "vitest";
import { guardCodeStep } from "../auth/code-steps";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { passwordStepLimits } from "../auth/password-step";
import { rememberDevice } from "../auth/device-cookie";
import { codeStepPolicy, takeAttempt } from "../security/rate-limit";
import { getUserDetails } from "./get-user-details";
import { createTestAccount, testContext } from "../../testing/test-accounts";
import { unlockUser } from "./unlock-user";

describe.each(testEngines())("unlockUser on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** Wrong codes until the sign-in's own guard locks the code step, as at /login/two-factor. */
  async function lockByWrongCodes(userId: string) {
    for (let attempt = 0; attempt < codeStepPolicy.maxFailures; attempt += 1) {
      await guardCodeStep({ userId, context: testContext, check: async () => false });
    }
    const refused = await guardCodeStep({ userId, context: testContext, check: async () => true });
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
  }

  it("sees the lock the code step puts on an account and lifts it, so the right code works again", async () => {
    const admin = await createTestAccount({ role: "ADMIN" });
    const user = await createTestAccount({ twoFactor: true });
    await lockByWrongCodes(user.id);
    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeInstanceOf(Date);

    expect(await unlockUser({ actorId: admin.id, targetUserId: user.id, context: testContext })).toEqual({ ok: true });

    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeNull();
    expect(await guardCodeStep({ userId: user.id, context: testContext, check: async () => true })).toEqual({ ok: true });
    expect(await db.adminAuditEntry.findMany({ where: { targetId: user.id }, select: { action: true, actorEmail: true } })).toEqual([
      { action: "account_unlocked", actorEmail: admin.email },
    ]);
    expect(await unlockUser({ actorId: admin.id, targetUserId: user.id, context: testContext })).toEqual({ ok: false, reason: "not_locked" });
  });

  /** Failures counted until the budget the password step uses for this browser locks (no argon2 needed for the count). */
  async function lockPasswordStep(options: { email: string; trustedDeviceId: string | null }) {
    const [limit] = passwordStepLimits({ ...options, clientAddress: null }).account;
    for (let attempt = 0; attempt < limit.policy.maxFailures; attempt += 1) await takeAttempt(limit);
    expect(await takeAttempt(limit)).toMatchObject({ ok: false });
    return limit;
  }

  it("shows every lock on the account with its end, and Unlock lifts them all in one audited step", async () => {
    const admin = await createTestAccount({ role: "ADMIN" });
    const user = await createTestAccount({ twoFactor: true });
    const device = await rememberDevice({ userId: user.id, presented: null });
    const untrusted = await lockPasswordStep({ email: user.email, trustedDeviceId: null });
    const ownBrowser = await lockPasswordStep({ email: user.email, trustedDeviceId: device.deviceId });
    await lockByWrongCodes(user.id);

    const locks = (await getUserDetails({ userId: user.id }))?.locks;
    expect(locks).toMatchObject({ passwordDevicesLocked: 1 });
    for (const end of [locks?.passwordUntrustedUntil, locks?.passwordDevicesUntil, locks?.codeStepUntil]) expect(end).toBeInstanceOf(Date);

    expect(await unlockUser({ actorId: admin.id, targetUserId: user.id, context: testContext })).toEqual({ ok: true });

    expect((await getUserDetails({ userId: user.id }))?.locks).toEqual({
      passwordUntrustedUntil: null,
      passwordDevicesLocked: 0,
      passwordDevicesUntil: null,
      codeStepUntil: null,
    });
    expect(await takeAttempt(untrusted)).toMatchObject({ ok: true });
    expect(await takeAttempt(ownBrowser)).toMatchObject({ ok: true });
    expect(await db.adminAuditEntry.count({ where: { targetId: user.id, action: "account_unlocked" } })).toBe(1);
  });

  it("sees a lock of the password step alone (no code step involved) and lifts it", async () => {
    const admin = await createTestAccount({ role: "ADMIN" });
    const user = await createTestAccount();
    await lockPasswordStep({ email: user.email, trustedDeviceId: null });
    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeInstanceOf(Date);

    expect(await unlockUser({ actorId: admin.id, targetUserId: user.id, context: testContext })).toEqual({ ok: true });
    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeNull();
  });

  it("refuses a user who is not an admin and leaves the lock in place", async () => {
    const user = await createTestAccount({ twoFactor: true });
    const accomplice = await createTestAccount();
    await lockByWrongCodes(user.id);
    expect(await unlockUser({ actorId: accomplice.id, targetUserId: user.id, context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeInstanceOf(Date);
    expect(await db.adminAuditEntry.count({ where: { targetId: user.id } })).toBe(0);
  });
});
