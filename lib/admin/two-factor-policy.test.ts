import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { setTwoFactorPolicy } from "./set-two-factor-policy";
import { createTestAccount, testContext } from "../../testing/test-accounts";
import { evaluateTwoFactorPolicy, getTwoFactorPolicyStatus, readTwoFactorPolicy, type TwoFactorPolicy } from "./two-factor-policy";

const day = 24 * 60 * 60 * 1000;
const turnedOn = new Date("2026-11-01T00:00:00Z");
const after = (days: number) => new Date(turnedOn.getTime() + days * day);
const everyone: TwoFactorPolicy = { requirement: "EVERYONE", graceDays: 7, adminsSince: turnedOn, adminsPasskeysOnly: false, everyoneSince: turnedOn };
const adminsOnly: TwoFactorPolicy = { ...everyone, requirement: "ADMINS", adminsPasskeysOnly: false, everyoneSince: null };
const oldUser = { role: "USER" as const, createdAt: new Date("2026-01-01T00:00:00Z") };
const oldAdmin = { ...oldUser, role: "ADMIN" as const };

describe("evaluateTwoFactorPolicy", () => {
  it("requires nothing while the policy is off", () => {
    const off: TwoFactorPolicy = { requirement: "OFF", graceDays: 7, adminsSince: null, adminsPasskeysOnly: false, everyoneSince: null };
    expect(evaluateTwoFactorPolicy({ policy: off, user: oldAdmin, twoFactorEnabled: false, now: after(30) })).toEqual({ state: "not_required" });
  });

  it("counts the days left during the grace period, then sends the user to setup", () => {
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: oldUser, twoFactorEnabled: false, now: turnedOn })).toMatchObject({ state: "grace", daysLeft: 7 });
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: oldUser, twoFactorEnabled: false, now: after(6.5) })).toMatchObject({ state: "grace", daysLeft: 1 });
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: oldUser, twoFactorEnabled: false, now: after(7) })).toEqual({ state: "setup_required", deadline: after(7) });
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: oldUser, twoFactorEnabled: true, now: after(30) })).toEqual({ state: "satisfied" });
  });

  it("gives an account created after the policy the full grace period from its creation", () => {
    const newUser = { role: "USER" as const, createdAt: after(20) };
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: newUser, twoFactorEnabled: false, now: after(21) })).toMatchObject({ state: "grace", daysLeft: 6 });
    expect(evaluateTwoFactorPolicy({ policy: everyone, user: newUser, twoFactorEnabled: false, now: after(27) })).toMatchObject({ state: "setup_required" });
  });

  it("covers only admins when required for admins, and a grace period of 0 blocks at once", () => {
    expect(evaluateTwoFactorPolicy({ policy: adminsOnly, user: oldUser, twoFactorEnabled: false, now: after(30) })).toEqual({ state: "not_required" });
    expect(evaluateTwoFactorPolicy({ policy: adminsOnly, user: oldAdmin, twoFactorEnabled: false, now: after(30) })).toMatchObject({ state: "setup_required" });
    const immediately = { ...everyone, graceDays: 0 };
    expect(evaluateTwoFactorPolicy({ policy: immediately, user: oldUser, twoFactorEnabled: false, now: turnedOn })).toMatchObject({ state: "setup_required" });
  });
});

describe.each(testEngines())("two-factor policy on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("is off until an admin sets it, and an admin must have two-factor authentication to require it", async () => {
    expect(await readTwoFactorPolicy()).toMatchObject({ requirement: "OFF", graceDays: 7, adminsPasskeysOnly: false });
    const admin = await createTestAccount({ role: "ADMIN" });
    expect(await setTwoFactorPolicy({ actorId: admin.id, requirement: "EVERYONE", graceDays: 7, context: testContext })).toEqual({
      ok: false,
      reason: "actor_without_two_factor",
    });
    const user = await createTestAccount({ twoFactor: true });
    expect(await setTwoFactorPolicy({ actorId: user.id, requirement: "OFF", graceDays: 3, context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect(await readTwoFactorPolicy()).toMatchObject({ requirement: "OFF", graceDays: 7, adminsPasskeysOnly: false });
    expect(await db.adminAuditEntry.count()).toBe(0);
  });

  it("starts each role's grace period when the requirement first covers it, and audits every change", async () => {
    const admin = await createTestAccount({ role: "ADMIN", twoFactor: true });
    const set = (requirement: "OFF" | "ADMINS" | "EVERYONE", graceDays: number, now: Date) =>
      setTwoFactorPolicy({ actorId: admin.id, requirement, graceDays, context: testContext, now });

    expect(await set("ADMINS", 7, turnedOn)).toEqual({ ok: true, changed: true });
    expect(await set("EVERYONE", 7, after(2))).toEqual({ ok: true, changed: true });
    expect(await set("EVERYONE", 14, after(3))).toEqual({ ok: true, changed: true });
    expect(await set("EVERYONE", 14, after(4))).toEqual({ ok: true, changed: false });
    expect(await readTwoFactorPolicy()).toEqual({ requirement: "EVERYONE", graceDays: 14, adminsSince: turnedOn, adminsPasskeysOnly: false, everyoneSince: after(2) });

    const entries = await db.adminAuditEntry.findMany({ where: { actorId: admin.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([
      ["policy_changed", { from: { requirement: "OFF", graceDays: 7, adminsPasskeysOnly: false }, to: { requirement: "ADMINS", graceDays: 7, adminsPasskeysOnly: false } }],
      ["policy_changed", { from: { requirement: "ADMINS", graceDays: 7, adminsPasskeysOnly: false }, to: { requirement: "EVERYONE", graceDays: 7, adminsPasskeysOnly: false } }],
      ["policy_changed", { from: { requirement: "EVERYONE", graceDays: 7, adminsPasskeysOnly: false }, to: { requirement: "EVERYONE", graceDays: 14, adminsPasskeysOnly: false } }],
    ]);
    expect(entries[0]).toMatchObject({ actorEmail: admin.email, ip: testContext.ip, targetId: null });

    expect(await set("OFF", 14, after(5))).toEqual({ ok: true, changed: true });
    expect(await readTwoFactorPolicy()).toEqual({ requirement: "OFF", graceDays: 14, adminsSince: null, adminsPasskeysOnly: false, everyoneSince: null });
  });

  it("with passkeys only for admins, sends an admin without a passkey to setup at once, and only an admin with one may set it", async () => {
    const admin = await createTestAccount({ role: "ADMIN", twoFactor: true });
    const otherAdmin = await createTestAccount({ role: "ADMIN", twoFactor: true });
    const user = await createTestAccount();
    expect(await setTwoFactorPolicy({ actorId: admin.id, requirement: "OFF", graceDays: 7, adminsPasskeysOnly: true, context: testContext })).toEqual({
      ok: false,
      reason: "actor_without_passkey",
    });
    await db.passkey.create({ data: { userId: admin.id, credentialId: "credential-of-the-admin", publicKey: "x", deviceType: "multiDevice", name: "Laptop" } });
    expect(await setTwoFactorPolicy({ actorId: admin.id, requirement: "OFF", graceDays: 7, adminsPasskeysOnly: true, context: testContext })).toEqual({ ok: true, changed: true });
    expect(await getTwoFactorPolicyStatus({ userId: admin.id })).toEqual({ state: "satisfied" });
    // An authenticator app does not count for an admin any more; users are not covered.
    expect(await getTwoFactorPolicyStatus({ userId: otherAdmin.id })).toEqual({ state: "passkey_required" });
    expect(await getTwoFactorPolicyStatus({ userId: user.id })).toEqual({ state: "not_required" });
    const entry = await db.adminAuditEntry.findFirstOrThrow({ where: { actorId: admin.id, action: "policy_changed" } });
    expect(entry.details).toMatchObject({ to: { adminsPasskeysOnly: true } });
    expect(await setTwoFactorPolicy({ actorId: admin.id, requirement: "OFF", graceDays: 7, adminsPasskeysOnly: false, context: testContext })).toEqual({ ok: true, changed: true });
    expect(await getTwoFactorPolicyStatus({ userId: otherAdmin.id })).toEqual({ state: "not_required" });
  });

  it("tells a user without two-factor authentication where they stand", async () => {
    const admin = await createTestAccount({ role: "ADMIN", twoFactor: true });
    const user = await createTestAccount();
    const now = new Date();
    await setTwoFactorPolicy({ actorId: admin.id, requirement: "EVERYONE", graceDays: 3, context: testContext, now });
    expect(await getTwoFactorPolicyStatus({ userId: user.id, now })).toMatchObject({ state: "grace", daysLeft: 3 });
    expect(await getTwoFactorPolicyStatus({ userId: user.id, now: new Date(now.getTime() + 3 * day) })).toMatchObject({ state: "setup_required" });
    expect(await getTwoFactorPolicyStatus({ userId: admin.id, now: new Date(now.getTime() + 3 * day) })).toEqual({ state: "satisfied" });
    await setTwoFactorPolicy({ actorId: admin.id, requirement: "OFF", graceDays: 3, context: testContext });
    expect(await getTwoFactorPolicyStatus({ userId: user.id, now: new Date(now.getTime() + 3 * day) })).toEqual({ state: "not_required" });
  });
});
