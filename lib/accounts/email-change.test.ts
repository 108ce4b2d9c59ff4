import { describe, expect, it } from "vitest";
import { passwordStepKeys } from "../auth/password-step";
import { verifyPasswordStep } from "../auth/password-step";
import { db } from "../db";
import { deliverOutbox } from "../notifications/deliver-outbox";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { accountChangeUser, context, keyring, longAgo, password } from "../../testing/account-change-users";
import { confirmEmailChange } from "./confirm-email-change";
import { emailChangeTokenTtlSeconds, hashEmailChangeToken, maskEmail } from "./email-change-token";
import { emailChangeBudget, requestEmailChange } from "./request-email-change";

const confirmUrl = "http://app.test/email/confirm";
const proof = { keyring, deviceCookies: [], context, code: null, confirmUrl };

/** The token of the last link mailed to `address`, read from its outbox row. */
async function linkTokenFor(address: string): Promise<string> {
  const mail = await db.outboxMail.findFirstOrThrow({ where: { recipient: address, kind: "email_change_requested" }, orderBy: { createdAt: "desc" } });
  return new URL(mail.link!).searchParams.get("token")!;
}

const newAddress = () => `new-${crypto.randomUUID()}@example.org`;

describe("maskEmail", () => {
  it("keeps the first character of the mailbox and the domain, and the top-level domain", () => {
    expect(maskEmail("new.name@example.org")).toBe("n•••@e•••.org");
    expect(maskEmail("ä@例え.jp")).toBe("ä•••@例•••.jp");
  });
});

describe.each(testEngines())("requestEmailChange and confirmEmailChange on $name", { timeout: 120_000 }, (engine) => {
  useFreshAppDatabase(engine);

  it("changes nothing until the link is opened; then changes and confirms the address, and tells the old one with the new one masked", async () => {
    const user = await accountChangeUser();
    const email = newAddress();
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password })).toEqual({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.userId } })).toMatchObject({ email: user.email, emailConfirmedAt: null });
    const token = await linkTokenFor(email);
    // Only the hash is stored; the link lives in the outbox row until it is sent.
    expect(await db.emailChangeToken.findFirst({ where: { userId: user.userId } })).toMatchObject({ newEmail: email, tokenHash: hashEmailChangeToken(token) });
    const pending = await db.emailChangeToken.findFirstOrThrow({ where: { userId: user.userId } });
    expect(pending.expiresAt.getTime() - pending.createdAt.getTime()).toBe(emailChangeTokenTtlSeconds * 1000);

    expect(await confirmEmailChange({ token, context })).toEqual({ ok: true, email });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(stored.email).toBe(email);
    expect(stored.emailConfirmedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const notice = await db.outboxMail.findFirstOrThrow({ where: { kind: "email_changed" , recipient: user.email } });
    expect(notice.detail).toBe(maskEmail(email));
    expect(await db.securityEvent.count({ where: { userId: user.userId, type: "email_changed" } })).toBe(1);
    expect(await verifyPasswordStep({ email, password, context })).toMatchObject({ ok: true, userId: user.userId });
    expect(await verifyPasswordStep({ email: user.email, password, context })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a spent, superseded, expired or forged token with one answer, changing nothing", async () => {
    const user = await accountChangeUser();
    const [first, second] = [newAddress(), newAddress()];
    await requestEmailChange({ ...proof, session: user.session, newEmail: first, currentPassword: password });
    const superseded = await linkTokenFor(first);
    await requestEmailChange({ ...proof, session: user.session, newEmail: second, currentPassword: password });
    const current = await linkTokenFor(second);
    expect(await confirmEmailChange({ token: superseded, context })).toEqual({ ok: false, reason: "invalid_link" });
    expect(await confirmEmailChange({ token: "A".repeat(43), context })).toEqual({ ok: false, reason: "invalid_link" });
    expect(await confirmEmailChange({ token: `${current}x`, context })).toEqual({ ok: false, reason: "invalid_link" });
    const afterExpiry = new Date(Date.now() + emailChangeTokenTtlSeconds * 1000 + 1000);
    expect(await confirmEmailChange({ token: current, context, now: afterExpiry })).toEqual({ ok: false, reason: "invalid_link" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);

    expect(await confirmEmailChange({ token: current, context })).toEqual({ ok: true, email: second });
    expect(await confirmEmailChange({ token: current, context })).toEqual({ ok: false, reason: "invalid_link" });
  });

  it("opened twice at once, changes the address once and mails the old address once", async () => {
    const user = await accountChangeUser();
    const email = newAddress();
    await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password });
    const token = await linkTokenFor(email);
    const results = await Promise.all([confirmEmailChange({ token, context }), confirmEmailChange({ token, context })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.outboxMail.count({ where: { kind: "email_changed", recipient: user.email } })).toBe(1);
  });

  it("normalised addresses: refuses the current one and another account's, after the password only", async () => {
    const user = await accountChangeUser();
    const other = await accountChangeUser();
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: user.email, currentPassword: password })).toEqual({ ok: false, reason: "same_email" });
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: other.email, currentPassword: "wrong password" })).toEqual({ ok: false, reason: "invalid_password" });
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: other.email, currentPassword: password })).toEqual({ ok: false, reason: "email_taken" });
    expect(await db.emailChangeToken.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("refuses the change when another account took the address after the link was sent", async () => {
    const user = await accountChangeUser();
    const rival = await accountChangeUser();
    const email = newAddress();
    await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password });
    await requestEmailChange({ ...proof, session: rival.session, newEmail: email, currentPassword: password });
    expect(await confirmEmailChange({ token: await linkTokenFor(email), context })).toEqual({ ok: true, email });
    const [first] = await db.outboxMail.findMany({ where: { recipient: email, kind: "email_change_requested" }, orderBy: { createdAt: "asc" } });
    expect(await confirmEmailChange({ token: new URL(first.link!).searchParams.get("token"), context })).toEqual({ ok: false, reason: "email_taken" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
  });

  it("with two-factor on and an old sign-in, asks for a code; the wrong current password counts against the password step", async () => {
    const user = await accountChangeUser({ twoFactor: true, authenticatedAt: longAgo });
    const email = newAddress();
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password })).toEqual({ ok: false, reason: "second_factor_required" });
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: "wrong", code: await user.nextCode() })).toEqual({
      ok: false,
      reason: "invalid_password_or_code",
    });
    expect((await db.rateLimit.findUnique({ where: { key: passwordStepKeys.untrusted(user.email) } }))?.failures).toBe(1);
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password, code: await user.nextCode() })).toEqual({ ok: true });
  });

  it("carries the address's failure counters over to the new address", async () => {
    const user = await accountChangeUser();
    await verifyPasswordStep({ email: user.email, password: "a wrong guess", context });
    const email = newAddress();
    await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: "another wrong guess" });
    await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password });
    // The right password cleared the count; one more wrong guess then counts 1 under the new address.
    await verifyPasswordStep({ email: user.email, password: "a third wrong guess", context });
    await confirmEmailChange({ token: await linkTokenFor(email), context });
    expect(await db.rateLimit.findUnique({ where: { key: passwordStepKeys.untrusted(user.email) } })).toBeNull();
    expect((await db.rateLimit.findUnique({ where: { key: passwordStepKeys.untrusted(email) } }))?.failures).toBe(1);
  });

  it("bounds the confirmation links a session holding the password can send", async () => {
    const user = await accountChangeUser();
    for (let link = 0; link < emailChangeBudget.limit; link += 1) {
      expect(await requestEmailChange({ ...proof, session: user.session, newEmail: newAddress(), currentPassword: password })).toEqual({ ok: true });
    }
    expect(await requestEmailChange({ ...proof, session: user.session, newEmail: newAddress(), currentPassword: password })).toMatchObject({ ok: false, reason: "too_many_links" });
  });

  it("sends the link to the new address and clears it from the outbox once sent", async () => {
    const user = await accountChangeUser();
    const email = newAddress();
    await requestEmailChange({ ...proof, session: user.session, newEmail: email, currentPassword: password });
    await deliverOutbox();
    const mail = await db.outboxMail.findFirstOrThrow({ where: { recipient: email, kind: "email_change_requested" } });
    expect(mail).toMatchObject({ sentAt: expect.any(Date), link: null });
  });
});
