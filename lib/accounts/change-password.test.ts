import { describe, expect, it } from "vitest";
import { passwordStepKeys } from "../auth/password-step";
import { startSession } from "../auth/start-session";
import { verifyPasswordStep } from "../auth/password-step";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { accountChangeUser, context, keyring, longAgo, password } from "../../testing/account-change-users";
import { changePassword, passwordChangeBudget } from "./change-password";

const newPassword = "a new and longer passphrase";
const proof = { keyring, deviceCookies: [], context, code: null };

// Each case signs up (a hash), some turn two-factor on (ten more): slow on a loaded machine.
describe.each(testEngines())("changePassword on $name", { timeout: 120_000 }, (engine) => {
  useFreshAppDatabase(engine);

  it("sets the new password and its date, ends every other session but this one, and records the event with its mail in the outbox", async () => {
    const user = await accountChangeUser();
    const other = await startSession({ userId: user.userId, method: "password", context });
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword })).toEqual({ ok: true });

    expect(await verifyPasswordStep({ email: user.email, password, context })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyPasswordStep({ email: user.email, password: newPassword, context })).toMatchObject({ ok: true, userId: user.userId });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(stored.passwordChangedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await db.session.findUniqueOrThrow({ where: { id: other.sessionId } })).revokedAt).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: user.sessionId } })).revokedAt).toBeNull();
    expect(await db.securityEvent.count({ where: { userId: user.userId, type: "password_changed" } })).toBe(1);
    const mails = await db.outboxMail.findMany({ where: { recipient: user.email, kind: "password_changed" } });
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails)).not.toContain(newPassword);
  });

  it("refuses a wrong current password, changes nothing, and counts it against the password step's limit", async () => {
    const user = await accountChangeUser();
    const other = await startSession({ userId: user.userId, method: "password", context });
    expect(await changePassword({ ...proof, session: user.session, currentPassword: "not the password", newPassword })).toEqual({ ok: false, reason: "invalid_password" });
    const failures = (await db.rateLimit.findUnique({ where: { key: passwordStepKeys.untrusted(user.email) } }))?.failures;
    expect(failures).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).passwordChangedAt).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: other.sessionId } })).revokedAt).toBeNull();
    expect(await db.outboxMail.count({ where: { recipient: user.email, kind: "password_changed" } })).toBe(0);
  });

  it("is locked with the sign-in's password step: after ten wrong current passwords the right one is refused too", async () => {
    const user = await accountChangeUser();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await changePassword({ ...proof, session: user.session, currentPassword: `wrong ${attempt}`, newPassword })).toMatchObject({ ok: false, reason: "invalid_password" });
    }
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await verifyPasswordStep({ email: user.email, password, context })).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("refuses a new password equal to the current one without counting anything", async () => {
    const user = await accountChangeUser();
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword: password })).toEqual({ ok: false, reason: "same_password" });
    expect(await db.rateLimit.count({ where: { key: passwordStepKeys.untrusted(user.email) } })).toBe(0);
  });

  it("with two-factor on and a sign-in older than 10 minutes, asks for a code first, then takes the password with a current code", async () => {
    const user = await accountChangeUser({ twoFactor: true, authenticatedAt: longAgo });
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword })).toEqual({ ok: false, reason: "second_factor_required" });
    expect(await db.rateLimit.count({ where: { key: passwordStepKeys.untrusted(user.email) } })).toBe(0);
    const wrongCode = String((Number(await user.nextCode()) + 1) % 1_000_000).padStart(6, "0");
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword, code: wrongCode })).toEqual({ ok: false, reason: "invalid_password_or_code" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).passwordChangedAt).toBeNull();
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword, code: await user.nextCode() })).toEqual({ ok: true });
    // This session just proved itself again: its window starts over.
    expect((await db.session.findUniqueOrThrow({ where: { id: user.sessionId } })).authenticatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("with two-factor on and a recent sign-in, asks only for the current password", async () => {
    const user = await accountChangeUser({ twoFactor: true });
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword })).toEqual({ ok: true });
  });

  it("takes a backup code as the second factor and spends it", async () => {
    const user = await accountChangeUser({ twoFactor: true, authenticatedAt: longAgo });
    expect(await changePassword({ ...proof, session: user.session, currentPassword: password, newPassword, code: user.codes[0] })).toEqual({ ok: true });
    expect(await db.backupCode.count({ where: { userId: user.userId, usedAt: { not: null } } })).toBe(1);
  });

  it("bounds how often a session holding the password can change it", async () => {
    const user = await accountChangeUser();
    let current = password;
    for (let change = 0; change < passwordChangeBudget.limit; change += 1) {
      const next = `${newPassword} ${change}`;
      expect(await changePassword({ ...proof, session: user.session, currentPassword: current, newPassword: next })).toEqual({ ok: true });
      current = next;
    }
    expect(await changePassword({ ...proof, session: user.session, currentPassword: current, newPassword: "one more new password" })).toMatchObject({
      ok: false,
      reason: "too_many_changes",
    });
  });
});
