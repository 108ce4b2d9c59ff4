import { describe, expect, it } from "vitest";
import { guardCodeStep } from "../auth/guard-code-step";
import { db } from "../db";
import { testEngines } from "../db/testing";
import { useFreshAppDatabase } from "../db/use-fresh-app-database";
import { codeStepPolicy } from "../security/rate-limit";
import { getUserDetails } from "./get-user-details";
import { createTestAccount, testContext } from "./test-accounts";
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

  it("refuses a user who is not an admin and leaves the lock in place", async () => {
    const user = await createTestAccount({ twoFactor: true });
    const accomplice = await createTestAccount();
    await lockByWrongCodes(user.id);
    expect(await unlockUser({ actorId: accomplice.id, targetUserId: user.id, context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect((await getUserDetails({ userId: user.id }))?.lockedUntil).toBeInstanceOf(Date);
    expect(await db.adminAuditEntry.count({ where: { targetId: user.id } })).toBe(0);
  });
});
