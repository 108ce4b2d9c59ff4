import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../two-factor/totp";
import { codeStepKey } from "./code-steps";
import { isReauthenticationRequired, reauthenticate } from "./reauthenticate";
import { reauthenticationWindowSeconds } from "./session-lifetime";
import { startSession } from "./start-session";

const context = { ip: "203.0.113.13", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const password = "correct horse battery";
const longAgo = new Date("2026-01-01T00:00:00.000Z");

describe("isReauthenticationRequired", () => {
  const signedInAt = new Date("2026-12-02T10:00:00.000Z");
  const after = (ms: number) => new Date(signedInAt.getTime() + ms);
  const windowMs = reauthenticationWindowSeconds * 1000;

  it("asks nothing from the sign-in up to the window's last millisecond, included", () => {
    for (const ageMs of [0, 1, windowMs - 1, windowMs]) expect(isReauthenticationRequired({ authenticatedAt: signedInAt, now: after(ageMs) })).toBe(false);
  });

  it("asks for the password one millisecond past the window, and from then on", () => {
    for (const ageMs of [windowMs + 1, windowMs + 60_000, 14 * 24 * 3600 * 1000]) {
      expect(isReauthenticationRequired({ authenticatedAt: signedInAt, now: after(ageMs) })).toBe(true);
    }
  });

  it("is the 10 minutes of ADR 0013, which the catalogues show as {minutes}", () => {
    expect(reauthenticationWindowSeconds).toBe(10 * 60);
  });
});

// Each case signs up, turns two-factor on and hashes ten backup codes: slow on a loaded machine.
describe.each(testEngines())("reauthenticate on $name", { timeout: 120_000 }, (engine) => {
  useFreshAppDatabase(engine);

  /** A signed-in user whose sign-in is old; with `twoFactor`, turned on the real way, with backup codes. */
  async function signedInLongAgo(options: { twoFactor: boolean }) {
    const created = await createAccount({ email: `reauth-${randomUUID()}@example.com`, password, context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    const { sessionId } = await startSession({ userId, method: "password", context });
    let secret = "";
    let codes: string[] = [];
    if (options.twoFactor) {
      secret = (await ensurePendingSetup({ userId, sessionId, keyring }))!.secret;
      expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });
      const regenerated = await regenerateBackupCodes({ userId, context });
      if (!regenerated.ok) throw new Error("could not create backup codes");
      codes = regenerated.codes;
    }
    await db.session.update({ where: { id: sessionId }, data: { authenticatedAt: longAgo } });
    // The step that enabling used is spent: the next one is what the app shows 30 s later.
    const nextCode = () => generateTotpCode({ secret, now: new Date(Date.now() + 30_000) });
    const authenticatedAt = async () => (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).authenticatedAt;
    const codeStepFailures = async () => (await db.rateLimit.findUnique({ where: { key: codeStepKey(userId) } }))?.failures ?? 0;
    return { userId, sessionId, codes, nextCode, authenticatedAt, codeStepFailures };
  }

  it("with two-factor on, refuses the password alone for a change of the second factor, counting nothing", async () => {
    const user = await signedInLongAgo({ twoFactor: true });
    const result = await reauthenticate({ ...user, password, secondFactor: { code: null, keyring }, context });
    expect(result).toEqual({ ok: false, reason: "second_factor_required" });
    expect(await user.authenticatedAt()).toEqual(longAgo);
    expect(await user.codeStepFailures()).toBe(0);
  });

  it("refuses a wrong code with the right password, and counts it in the code step's limit", async () => {
    const user = await signedInLongAgo({ twoFactor: true });
    const wrong = (Number(await user.nextCode()) + 1) % 1_000_000;
    const result = await reauthenticate({ ...user, password, secondFactor: { code: String(wrong).padStart(6, "0"), keyring }, context });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(await user.codeStepFailures()).toBe(1);
    expect(await user.authenticatedAt()).toEqual(longAgo);
  });

  it("refuses a right code with a wrong password, and leaves the code unspent", async () => {
    const user = await signedInLongAgo({ twoFactor: true });
    const code = await user.nextCode();
    expect(await reauthenticate({ ...user, password: "wrong password!", secondFactor: { code, keyring }, context })).toEqual({ ok: false, reason: "invalid" });
    expect(await reauthenticate({ ...user, password, secondFactor: { code, keyring }, context })).toEqual({ ok: true });
  });

  it("accepts the password and a current authenticator code, and restarts the 10-minute window", async () => {
    const user = await signedInLongAgo({ twoFactor: true });
    expect(await reauthenticate({ ...user, password, secondFactor: { code: await user.nextCode(), keyring }, context })).toEqual({ ok: true });
    expect((await user.authenticatedAt()).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("accepts the password and a backup code, which is spent: it never works again", async () => {
    const user = await signedInLongAgo({ twoFactor: true });
    const [code] = user.codes;
    expect(await reauthenticate({ ...user, password, secondFactor: { code, keyring }, context })).toEqual({ ok: true });
    expect(await db.backupCode.count({ where: { userId: user.userId, usedAt: { not: null } } })).toBe(1);
    expect(await reauthenticate({ ...user, password, secondFactor: { code, keyring }, context })).toEqual({ ok: false, reason: "invalid" });
  });

  it("with two-factor off, refuses a wrong password and leaves the old sign-in time, so the window stays closed", async () => {
    const user = await signedInLongAgo({ twoFactor: false });
    expect(await reauthenticate({ ...user, password: "wrong password!", context })).toEqual({ ok: false, reason: "invalid" });
    expect(await user.authenticatedAt()).toEqual(longAgo);
    expect(isReauthenticationRequired({ authenticatedAt: await user.authenticatedAt() })).toBe(true);
    expect(await reauthenticate({ ...user, password, context })).toEqual({ ok: true });
    expect(isReauthenticationRequired({ authenticatedAt: await user.authenticatedAt() })).toBe(false);
  });

  it("asks only for the password when two-factor authentication is off, or when the change is not of the second factor", async () => {
    const withoutTwoFactor = await signedInLongAgo({ twoFactor: false });
    expect(await reauthenticate({ ...withoutTwoFactor, password, secondFactor: { code: null, keyring }, context })).toEqual({ ok: true });
    const withTwoFactor = await signedInLongAgo({ twoFactor: true });
    expect(await reauthenticate({ ...withTwoFactor, password, context })).toEqual({ ok: true });
  });
});
