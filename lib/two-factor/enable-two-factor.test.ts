import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { loadActiveSession } from "../auth/load-active-session";
import { startSession } from "../auth/start-session";
import { openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { disableTwoFactor } from "./disable-two-factor";
import { enableTwoFactor } from "./enable-two-factor";
import { ensurePendingSetup } from "./ensure-pending-setup";
import { getTwoFactorStatus } from "./get-two-factor-status";
import { regenerateBackupCodes } from "./regenerate-backup-codes";
import { pendingSetupTtlSeconds } from "./pending-setup";
import { generateTotpCode } from "./totp";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

const context = { ip: "203.0.113.11", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };

describe.each(testEngines())("enableTwoFactor / disableTwoFactor on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** A user signed in three times: `sessionId` is the browser doing the setup, `others` the rest. */
  async function userWithSessions(): Promise<{ userId: string; sessionId: string; others: string[] }> {
    const created = await createAccount({ email: `enable-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    const [sessionId, ...others] = await Promise.all(
      [1, 2, 3].map(async () => (await startSession({ userId, method: "password", context })).sessionId),
    );
    return { userId, sessionId, others };
  }

  async function pendingSecret(userId: string, sessionId: string): Promise<string> {
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    if (!setup) throw new Error("two-factor authentication is already on");
    return setup.secret;
  }

  const revokedAtOf = async (sessionIds: string[]) =>
    (await db.session.findMany({ where: { id: { in: sessionIds } }, select: { revokedAt: true } })).map((row) => row.revokedAt);

  it("turns on with a correct code and stores the key sealed, never as the plain base32 secret", async () => {
    const { userId, sessionId } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);

    const result = await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context });

    expect(result).toEqual({ ok: true, turnedOn: true });
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.enabledAt).toBeInstanceOf(Date);
    expect(row.pendingSecretEncrypted).toBeNull();
    expect(row.secretEncrypted).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(row.secretEncrypted).not.toContain(secret);
    expect(openSecret({ envelope: row.secretEncrypted!, keyring, binding: { userId, column: "secretEncrypted" } })).toBe(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await getTwoFactorStatus({ userId })).toEqual({ enabled: true, authenticatorApp: true, hasBackupCodeSet: false, remainingBackupCodes: 0, usedBackupCodes: [] });
    expect(await db.securityEvent.count({ where: { userId, type: "two_factor_enabled" } })).toBe(1);
  });

  it("leaves two-factor authentication off after a wrong code, with the same pending key", async () => {
    const { userId, sessionId, others } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    const before = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    const right = await generateTotpCode({ secret });
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");

    expect(await enableTwoFactor({ userId, sessionId, code: wrong, keyring, context })).toEqual({ ok: false, reason: "invalid_code" });

    expect(await db.twoFactor.findUniqueOrThrow({ where: { userId } })).toEqual(before);
    expect(await getTwoFactorStatus({ userId })).toMatchObject({ enabled: false });
    expect(await revokedAtOf(others)).toEqual([null, null]);
    expect(await pendingSecret(userId, sessionId)).toBe(secret);
  });

  it("ends the user's other sessions but not the current one, nor other users' sessions", async () => {
    const { userId, sessionId, others } = await userWithSessions();
    const stranger = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);

    expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });

    expect(await revokedAtOf([sessionId])).toEqual([null]);
    for (const revokedAt of await revokedAtOf(others)) expect(revokedAt).toBeInstanceOf(Date);
    expect(await loadActiveSession({ sessionId })).toMatchObject({ sessionId, user: { id: userId } });
    expect(await loadActiveSession({ sessionId: others[0] })).toBeNull();
    expect(await revokedAtOf([stranger.sessionId, ...stranger.others])).toEqual([null, null, null]);
  });

  it("deletes backup codes left from before the setup", async () => {
    const { userId, sessionId } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    // Rows of an earlier set (the codes are not derivable from these hashes; only their presence matters).
    await db.backupCode.createMany({ data: ["a1", "b2", "c3"].map((codeHash) => ({ userId, codeHash })) });

    expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });

    expect(await db.backupCode.count({ where: { userId } })).toBe(0);
  });

  it("refuses to enable twice (no pending key once on)", async () => {
    const { userId, sessionId } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    const code = await generateTotpCode({ secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true, turnedOn: true });

    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: false, reason: "not_pending" });
    expect(await ensurePendingSetup({ userId, sessionId, keyring })).toBeNull();
  });

  it("enables once when the same session sends one code twice at once", async () => {
    const { userId, sessionId, others } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    const code = await generateTotpCode({ secret });

    const results = await Promise.all([1, 2].map(() => enableTwoFactor({ userId, sessionId, code, keyring, context })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await revokedAtOf([sessionId])).toEqual([null]);
    for (const revokedAt of await revokedAtOf(others)) expect(revokedAt).toBeInstanceOf(Date);
    expect(await db.securityEvent.count({ where: { userId, type: "two_factor_enabled" } })).toBe(1);
  });

  it("refuses a key shown to another session, even with its correct code, and changes nothing", async () => {
    const { userId, sessionId, others } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    const before = await db.twoFactor.findUniqueOrThrow({ where: { userId } });

    const result = await enableTwoFactor({ userId, sessionId: others[0], code: await generateTotpCode({ secret }), keyring, context });

    expect(result).toEqual({ ok: false, reason: "setup_expired" });
    expect(await db.twoFactor.findUniqueOrThrow({ where: { userId } })).toEqual(before);
    expect(await revokedAtOf([sessionId, ...others])).toEqual([null, null, null]);
  });

  it("refuses a key once the pending lifetime has passed, even in its own session", async () => {
    const { userId, sessionId } = await userWithSessions();
    const shownAt = new Date();
    const secret = (await ensurePendingSetup({ userId, sessionId, keyring, now: shownAt }))!.secret;
    const expiredAt = new Date(shownAt.getTime() + pendingSetupTtlSeconds * 1000);

    const late = await enableTwoFactor({
      userId,
      sessionId,
      code: await generateTotpCode({ secret, now: expiredAt }),
      keyring,
      context,
      now: expiredAt,
    });

    expect(late).toEqual({ ok: false, reason: "setup_expired" });
    expect(await getTwoFactorStatus({ userId })).toMatchObject({ enabled: false });
    const inTime = new Date(expiredAt.getTime() - 1);
    expect(
      await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret, now: inTime }), keyring, context, now: inTime }),
    ).toEqual({ ok: true, turnedOn: true });
  });

  it("refuses a pending envelope copied from another user's row", async () => {
    const victim = await userWithSessions();
    const attacker = await userWithSessions();
    const attackerSecret = await pendingSecret(attacker.userId, attacker.sessionId);
    await pendingSecret(victim.userId, victim.sessionId);
    const attackerRow = await db.twoFactor.findUniqueOrThrow({ where: { userId: attacker.userId } });
    await db.twoFactor.update({
      where: { userId: victim.userId },
      data: { pendingSecretEncrypted: attackerRow.pendingSecretEncrypted },
    });

    const attempt = enableTwoFactor({
      userId: victim.userId,
      sessionId: victim.sessionId,
      code: await generateTotpCode({ secret: attackerSecret }),
      keyring,
      context,
    });

    await expect(attempt).rejects.toThrow(/failed authentication/);
    expect(await getTwoFactorStatus({ userId: victim.userId })).toMatchObject({ enabled: false });
  });

  it("ends no session when there is nothing to turn off", async () => {
    const { userId, sessionId, others } = await userWithSessions();

    expect(await disableTwoFactor({ userId, sessionId, context })).toEqual({ ok: false });

    expect(await revokedAtOf(others)).toEqual([null, null]);
  });

  it("turning it off deletes the key and every backup code and ends the other sessions only", async () => {
    const { userId, sessionId, others } = await userWithSessions();
    const secret = await pendingSecret(userId, sessionId);
    expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });
    expect(await regenerateBackupCodes({ userId, context })).toMatchObject({ ok: true });
    const laterSession = await startSession({ userId, method: "totp", context });

    expect(await disableTwoFactor({ userId, sessionId, context })).toEqual({ ok: true });

    expect(await db.twoFactor.findUnique({ where: { userId } })).toBeNull();
    expect(await db.backupCode.count({ where: { userId } })).toBe(0);
    expect(await revokedAtOf([sessionId])).toEqual([null]);
    for (const revokedAt of await revokedAtOf([...others, laterSession.sessionId])) expect(revokedAt).toBeInstanceOf(Date);
    expect(await getTwoFactorStatus({ userId })).toEqual({ enabled: false, authenticatorApp: false, hasBackupCodeSet: false, remainingBackupCodes: 0, usedBackupCodes: [] });
    expect(await db.securityEvent.count({ where: { userId, type: "two_factor_disabled" } })).toBe(1);
    // A new setup starts with a new key.
    expect(await pendingSecret(userId, sessionId)).not.toBe(secret);
  });
});
