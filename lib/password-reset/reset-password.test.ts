import { createHash, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { guardCodeStep } from "../auth/code-steps";
import { verifyPassword } from "../auth/password-hash";
import { startSession } from "../auth/start-session";
import { openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { deliverOutbox } from "../notifications/deliver-outbox";
import { createTestAccount, testContext } from "../../testing/test-accounts";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { findPasswordReset } from "./find-password-reset";
import { issuePasswordResetLink, passwordResetPerAddressBudget, spendPasswordResetBudgets } from "./request-password-reset";
import { resetPassword } from "./reset-password";
import { passwordResetTokenTtlSeconds, resetLinkBinding } from "./reset-token";

const keyring = { current: randomBytes(32), previous: [] };
const linkOrigin = "https://nidan.example";
const newPassword = "violet harbour lantern";

/** Issues a link for `email` and reads its token back the way the mail does: from the sealed outbox row. */
async function issueAndReadToken(email: string): Promise<string> {
  expect(await issuePasswordResetLink({ email, linkOrigin, keyring, context: testContext })).toEqual({ issued: true });
  const mail = await db.outboxMail.findFirstOrThrow({ where: { recipient: email, kind: "password_reset_link" }, orderBy: { createdAt: "desc" } });
  const link = new URL(openSecret({ envelope: mail.linkEncrypted!, keyring, binding: resetLinkBinding(mail.id) }));
  expect(link.origin + link.pathname).toBe(`${linkOrigin}/password/reset`);
  return link.searchParams.get("token")!;
}

describe.each(testEngines())("password reset links on $name", { timeout: 60_000 }, (engine) => {
  useFreshAppDatabase(engine);

  it("stores only the token's SHA-256, and the link only sealed in the outbox until it is sent", async () => {
    const { email } = await createTestAccount();
    const token = await issueAndReadToken(email);
    const row = await db.passwordResetToken.findFirstOrThrow({ where: { user: { email } } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(passwordResetTokenTtlSeconds * 1000);
    const [outbox] = await db.outboxMail.findMany({ where: { recipient: email, kind: "password_reset_link" } });
    expect(JSON.stringify(outbox)).not.toContain(token);

    await deliverOutbox({ config: { appName: "Nidan", defaultLocale: "en", smtpUrl: undefined, mailFrom: { name: "", address: "no-reply@nidan.invalid" }, totpKeyring: keyring } });
    const sent = await db.outboxMail.findUniqueOrThrow({ where: { id: outbox.id } });
    expect(sent.sentAt).not.toBeNull();
    expect(sent.linkEncrypted).toBeNull();
  });

  it("makes nothing for an address with no account", async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    expect(await issuePasswordResetLink({ email, linkOrigin, keyring, context: testContext })).toEqual({ issued: false });
    expect(await db.outboxMail.count({ where: { recipient: email } })).toBe(0);
  });

  it("drops a link mail the relay never took within the link's life, unsent", async () => {
    const { email } = await createTestAccount();
    await issueAndReadToken(email);
    const later = new Date(Date.now() + (passwordResetTokenTtlSeconds + 1) * 1000);
    await deliverOutbox({ now: later, config: { appName: "Nidan", defaultLocale: "en", smtpUrl: "smtp://127.0.0.1:9", mailFrom: { name: "", address: "no-reply@nidan.invalid" }, totpKeyring: keyring } });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { recipient: email, kind: "password_reset_link" } });
    expect(mail).toMatchObject({ lastError: "EXPIRED", linkEncrypted: null });
  });

  it("refuses a forged, an expired and a superseded token", async () => {
    const { email } = await createTestAccount();
    expect(await findPasswordReset({ token: randomBytes(32).toString("base64url") })).toEqual({ ok: false, reason: "invalid" });
    expect(await findPasswordReset({ token: "not a token" })).toEqual({ ok: false, reason: "invalid" });
    expect(await findPasswordReset({ token: { toString: () => "x" } })).toEqual({ ok: false, reason: "invalid" });
    const first = await issueAndReadToken(email);
    expect((await findPasswordReset({ token: first })).ok).toBe(true);
    expect(await findPasswordReset({ token: first, now: new Date(Date.now() + passwordResetTokenTtlSeconds * 1000 + 1000) })).toEqual({ ok: false, reason: "invalid" });
    const second = await issueAndReadToken(email);
    expect(await findPasswordReset({ token: first })).toEqual({ ok: false, reason: "invalid" });
    expect((await findPasswordReset({ token: second })).ok).toBe(true);
  });

  it("sets the password once, confirms the address and ends every session, device and unfinished setup", async () => {
    const account = await createTestAccount();
    const second = await startSession({ userId: account.id, method: "password", context: testContext });
    await db.deviceCookie.create({ data: { userId: account.id, tokenHash: randomBytes(32).toString("hex") } });
    const token = await issueAndReadToken(account.email);

    expect(await resetPassword({ token, password: newPassword, secondFactorPassed: false, context: testContext })).toEqual({ ok: true });
    expect(await resetPassword({ token, password: "another password entirely", secondFactorPassed: false, context: testContext })).toEqual({ ok: false, reason: "invalid" });

    const user = await db.user.findUniqueOrThrow({ where: { id: account.id }, include: { sessions: true, deviceCookies: true, events: true } });
    expect(await verifyPassword({ storedHash: user.passwordHash, password: newPassword })).toMatchObject({ matches: true });
    expect(user.passwordChangedAt).not.toBeNull();
    expect(user.emailConfirmedAt).not.toBeNull();
    expect(user.sessions.map((session) => session.id).sort()).toEqual([account.sessionId, second.sessionId].sort());
    expect(user.sessions.every((session) => session.revokedAt)).toBe(true);
    expect(user.deviceCookies.every((device) => device.revokedAt)).toBe(true);
    expect(user.events.map((event) => event.type)).toEqual(expect.arrayContaining(["password_reset_requested", "password_changed"]));
    expect(await db.outboxMail.count({ where: { recipient: account.email, kind: "password_changed", clientUserAgent: "vitest" } })).toBe(1);
  });

  it("with two-factor authentication on, changes nothing until a code was passed", async () => {
    const account = await createTestAccount({ twoFactor: true });
    const token = await issueAndReadToken(account.email);
    const before = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(await resetPassword({ token, password: newPassword, secondFactorPassed: false, context: testContext })).toEqual({ ok: false, reason: "second_factor_required" });
    expect(await db.user.findUniqueOrThrow({ where: { id: account.id } })).toEqual(before);
    expect(await resetPassword({ token, password: newPassword, secondFactorPassed: true, context: testContext })).toEqual({ ok: true });
  });

  it("ends a sign-in that passed its password step before the reset: no code completes it", async () => {
    const account = await createTestAccount({ twoFactor: true });
    const passwordStepAt = new Date();
    const token = await issueAndReadToken(account.email);
    const rightCode = { userId: account.id, context: testContext, check: async () => true };
    expect(await guardCodeStep({ ...rightCode, passwordStepAt })).toEqual({ ok: true });
    expect(await resetPassword({ token, password: newPassword, secondFactorPassed: true, context: testContext })).toEqual({ ok: true });
    expect(await guardCodeStep({ ...rightCode, passwordStepAt })).toEqual({ ok: false, reason: "invalid" });
    expect(await guardCodeStep({ ...rightCode, passwordStepAt: new Date(Date.now() + 1000) })).toEqual({ ok: true });
  });

  it("kills a link made before the password changed by any other path", async () => {
    const created = await createAccount({ email: `changed-${randomUUID()}@example.com`, password: "correct horse battery", context: testContext });
    if (!created.ok) throw new Error("could not create the user");
    const user = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    const token = await issueAndReadToken(user.email);
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date(Date.now() + 1000) } });
    expect(await findPasswordReset({ token })).toEqual({ ok: false, reason: "invalid" });
  });

  it("limits requests per address, whether or not it has an account", async () => {
    for (const email of [(await createTestAccount()).email, `nobody-${randomUUID()}@example.com`]) {
      for (let request = 0; request < passwordResetPerAddressBudget.limit; request += 1) {
        expect(await spendPasswordResetBudgets({ email, context: testContext })).toEqual({ ok: true });
      }
      expect(await spendPasswordResetBudgets({ email, context: testContext })).toMatchObject({ ok: false, reason: "rate_limited" });
    }
  });
});
