import { afterEach, describe, expect, it, vi } from "vitest";
import { loadActiveSession } from "../auth/load-active-session";
import { rememberDevice } from "../auth/device-cookie";
import { startSession } from "../auth/start-session";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { getConfig } from "../env";
import { deliverOutbox } from "../notifications/deliver-outbox";
import { composeSecurityNotification } from "../notifications/security-notification";
import { listRecentSecurityEvents } from "../security/list-security-events";
import { getTwoFactorStatus } from "../two-factor/get-two-factor-status";
import { resetUserTwoFactor } from "./reset-user-two-factor";
import { createTestAccount, testContext } from "../../testing/test-accounts";

describe("the reset notification", () => {
  const reset = { kind: "two_factor_reset_by_admin", appName: "Nidan", occurredAt: new Date("2026-11-25T01:02:03Z"), context: { ip: null, userAgent: null } } as const;

  it("tells a Japanese-speaking user in Japanese alone what happened, without the admin's address", () => {
    const mail = composeSecurityNotification({ ...reset, locale: "ja" });
    expect(mail.subject).toBe("[Nidan] 管理者により2要素認証がリセットされました");
    expect(mail.text).toContain("管理者があなたのアカウントの2要素認証をリセットしました");
    expect(mail.text).toContain("IPアドレス: 不明");
    expect(mail.text).not.toMatch(/\b(?:administrator|Address|unknown)\b/);
  });

  it("tells an English-speaking user in English alone", () => {
    const mail = composeSecurityNotification({ ...reset, locale: "en" });
    expect(mail.subject).toBe("[Nidan] Two-factor authentication was reset by an administrator");
    expect(mail.text).toContain("An administrator reset two-factor authentication for your account");
    expect(mail.text).toContain("IP address: unknown");
    expect(mail.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
  });
});

describe.each(testEngines())("resetUserTwoFactor on $name", (engine) => {
  useFreshAppDatabase(engine);
  afterEach(() => vi.restoreAllMocks());

  it("removes the key and the codes, ends every session, tells the user and records it for both", async () => {
    const admin = await createTestAccount({ role: "ADMIN", emailPrefix: "admin" });
    const user = await createTestAccount({ twoFactor: true });
    const { sessionId: phoneSession } = await startSession({ userId: user.id, method: "totp", context: testContext });
    const phone = await rememberDevice({ userId: user.id, presented: null });
    const mailLog = vi.spyOn(console, "info");

    const result = await resetUserTwoFactor({ actorId: admin.id, targetUserId: user.id, reason: "Lost phone; identity checked by video call", context: testContext });

    expect(result).toEqual({ ok: true });
    expect(await db.twoFactor.findUnique({ where: { userId: user.id } })).toBeNull();
    expect(await db.backupCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await getTwoFactorStatus({ userId: user.id })).toEqual({ enabled: false, authenticatorApp: false, hasBackupCodeSet: false, remainingBackupCodes: 0, usedBackupCodes: [] });
    expect(await loadActiveSession({ sessionId: user.sessionId })).toBeNull();
    expect(await loadActiveSession({ sessionId: phoneSession })).toBeNull();
    expect(await loadActiveSession({ sessionId: admin.sessionId })).not.toBeNull();
    expect(await db.deviceCookie.findUnique({ where: { id: phone.deviceId }, select: { revokedAt: true } })).toEqual({ revokedAt: expect.any(Date) });
    // The mail waits in the outbox, without the admin's address; without SMTP_URL it is sent to the log.
    expect(await db.outboxMail.findMany({ where: { recipient: user.email, kind: "two_factor_reset_by_admin" }, select: { kind: true, clientIp: true, sentAt: true } })).toEqual([
      { kind: "two_factor_reset_by_admin", clientIp: null, sentAt: null },
    ]);
    await deliverOutbox({ config: { ...getConfig(), smtpUrl: undefined } });
    expect(mailLog).toHaveBeenCalledWith(expect.stringContaining(`to=${user.email} subject="[Nidan] 管理者により2要素認証がリセットされました`));

    const [latest] = await listRecentSecurityEvents({ userId: user.id });
    expect(latest).toMatchObject({ type: "two_factor_reset_by_admin", ip: null, userAgent: null });
    const audit = await db.adminAuditEntry.findMany({ where: { targetId: user.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "two_factor_reset",
        actorId: admin.id,
        actorEmail: admin.email,
        targetEmail: user.email,
        reason: "Lost phone; identity checked by video call",
        ip: testContext.ip,
      }),
    ]);
  });

  it("changes nothing for a user who is not an admin, for the admin's own account, or when 2FA is off", async () => {
    const admin = await createTestAccount({ role: "ADMIN", twoFactor: true });
    const user = await createTestAccount({ twoFactor: true });
    const withoutTwoFactor = await createTestAccount();
    const reset = (actorId: string, targetUserId: string) => resetUserTwoFactor({ actorId, targetUserId, reason: "test", context: testContext });

    expect(await reset(user.id, admin.id)).toEqual({ ok: false, reason: "forbidden" });
    expect(await reset(admin.id, admin.id)).toEqual({ ok: false, reason: "self" });
    expect(await reset(admin.id, withoutTwoFactor.id)).toEqual({ ok: false, reason: "not_enabled" });
    expect(await reset(admin.id, crypto.randomUUID())).toEqual({ ok: false, reason: "not_found" });

    for (const account of [admin, user]) {
      expect((await getTwoFactorStatus({ userId: account.id })).enabled).toBe(true);
      expect(await loadActiveSession({ sessionId: account.sessionId })).not.toBeNull();
    }
    expect(await db.adminAuditEntry.count({ where: { targetId: { in: [admin.id, user.id, withoutTwoFactor.id] } } })).toBe(0);
  });
});
