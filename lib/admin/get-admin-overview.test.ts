import { describe, expect, it } from "vitest";
import { guardCodeStep } from "../auth/code-steps";
import { startSession } from "../auth/start-session";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { codeStepPolicy } from "../security/rate-limit";
import { countSignInsByDay } from "./count-sign-ins-by-day";
import { getAdminOverview } from "./get-admin-overview";
import { createTestAccount, testContext } from "../../testing/test-accounts";

const day = 24 * 60 * 60 * 1000;

describe.each(testEngines())("the admin overview on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("counts users, users with 2FA, and those with 3 or fewer backup codes (none downloaded counts as 0)", async () => {
    await createTestAccount({ twoFactor: true });
    const lowOnCodes = await createTestAccount({ twoFactor: true });
    await db.backupCode.updateMany({ where: { userId: lowOnCodes.id }, data: { usedAt: new Date() }, limit: 7 });
    const withoutCodes = await createTestAccount({ twoFactor: true });
    await db.backupCode.deleteMany({ where: { userId: withoutCodes.id } });
    await createTestAccount();

    expect(await getAdminOverview()).toMatchObject({ userCount: 4, twoFactorCount: 3, lowBackupCodesCount: 2 });
  });

  it("lists recent lockouts, newest first, and whether each is still locked", async () => {
    const user = await createTestAccount({ twoFactor: true });
    for (let attempt = 0; attempt < codeStepPolicy.maxFailures; attempt += 1) {
      await guardCodeStep({ userId: user.id, context: testContext, check: async () => false });
    }
    const { recentLockouts } = await getAdminOverview();
    expect(recentLockouts[0]).toMatchObject({ userId: user.id, email: user.email, stillLocked: true });
    expect((await getAdminOverview({ now: new Date(Date.now() + 2 * 60 * 60 * 1000) })).recentLockouts[0]).toMatchObject({ userId: user.id, stillLocked: false });
  });

  it("counts sign-ins per UTC day and method for the last 30 days, every day present", async () => {
    const user = await createTestAccount();
    const now = new Date("2026-11-25T12:00:00Z");
    const signInAt = async (method: "password" | "totp" | "backup_code" | "passkey", at: Date) => {
      const { sessionId } = await startSession({ userId: user.id, method, context: testContext });
      await db.session.update({ where: { id: sessionId }, data: { createdAt: at } });
    };
    await db.session.deleteMany({});
    await signInAt("password", new Date("2026-11-25T00:00:00Z"));
    await signInAt("totp", new Date("2026-11-25T11:59:00Z"));
    await signInAt("totp", new Date("2026-11-24T23:59:59Z"));
    await signInAt("backup_code", new Date("2026-10-27T00:00:00Z"));
    await signInAt("totp", new Date("2026-10-26T23:59:59Z"));
    await signInAt("passkey", new Date("2026-11-24T08:00:00Z"));

    const days = await countSignInsByDay({ now });
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2026-10-27", password: 0, totp: 0, backupCode: 1, passkey: 0 });
    expect(days.at(-2)).toEqual({ day: "2026-11-24", password: 0, totp: 1, backupCode: 0, passkey: 1 });
    expect(days.at(-1)).toEqual({ day: "2026-11-25", password: 1, totp: 1, backupCode: 0, passkey: 0 });
    expect(days.reduce((sum, entry) => sum + entry.password + entry.totp + entry.backupCode + entry.passkey, 0)).toBe(5);
    expect(new Date(days.at(-1)!.day).getTime() - new Date(days[0].day).getTime()).toBe(29 * day);
  });
});
