import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { findPasswordReset } from "../password-reset/find-password-reset";
import { resetLinkBinding } from "../password-reset/reset-token";
import { openSecret } from "../crypto/secret-box";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { createTestAccount, testContext } from "../../testing/test-accounts";
import { resetUserTwoFactor } from "./reset-user-two-factor";
import { sendPasswordReset } from "./send-password-reset";

const keyring = { current: randomBytes(32), previous: [] };
const linkOrigin = "https://nidan.example";

describe.each(testEngines())("sendPasswordReset on $name", { timeout: 60_000 }, (engine) => {
  useFreshAppDatabase(engine);

  async function sentToken(email: string): Promise<string> {
    const mail = await db.outboxMail.findFirstOrThrow({ where: { recipient: email, kind: "password_reset_link_by_admin" }, orderBy: { createdAt: "desc" } });
    return new URL(openSecret({ envelope: mail.linkEncrypted!, keyring, binding: resetLinkBinding(mail.id) })).searchParams.get("token")!;
  }

  it("mails the user a link, records the reason, and refuses the admin's own account and a non-admin", async () => {
    const admin = await createTestAccount({ role: "ADMIN", emailPrefix: "admin" });
    const user = await createTestAccount();
    const reason = "Asked by phone; identity checked by a call back";

    expect(await sendPasswordReset({ actorId: admin.id, targetUserId: user.id, reason, linkOrigin, keyring, context: testContext })).toEqual({ ok: true });
    expect((await findPasswordReset({ token: await sentToken(user.email) })).ok).toBe(true);
    const [entry] = await db.adminAuditEntry.findMany({ where: { action: "password_reset_sent", targetId: user.id } });
    expect(entry).toMatchObject({ actorId: admin.id, reason, targetEmail: user.email });
    // The user's activity shows it, without the admin's address.
    const events = await db.securityEvent.findMany({ where: { userId: user.id, type: "password_reset_requested" } });
    expect(events.map((event) => event.ip)).toEqual([null]);

    expect(await sendPasswordReset({ actorId: admin.id, targetUserId: admin.id, reason, linkOrigin, keyring, context: testContext })).toEqual({ ok: false, reason: "self" });
    expect(await sendPasswordReset({ actorId: user.id, targetUserId: admin.id, reason, linkOrigin, keyring, context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect(await sendPasswordReset({ actorId: admin.id, targetUserId: "not-a-uuid", reason, linkOrigin, keyring, context: testContext })).toEqual({ ok: false, reason: "not_found" });
  });

  it("a reset of the user's two-factor authentication kills a link sent before", async () => {
    const admin = await createTestAccount({ role: "ADMIN", emailPrefix: "admin" });
    const user = await createTestAccount({ twoFactor: true });
    await sendPasswordReset({ actorId: admin.id, targetUserId: user.id, reason: "Locked out", linkOrigin, keyring, context: testContext });
    const token = await sentToken(user.email);
    expect(await resetUserTwoFactor({ actorId: admin.id, targetUserId: user.id, reason: "Lost phone", context: testContext })).toEqual({ ok: true });
    expect(await findPasswordReset({ token })).toEqual({ ok: false, reason: "invalid" });
  });
});
