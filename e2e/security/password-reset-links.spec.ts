import { randomBytes, randomUUID } from "node:crypto";
import { formAlert, passPasswordStep, signUp, submitPassword, wrongTotpCodeFor } from "../support/flows";
import { requestResetLink, resetLinkFromMail, resetMailsTo, setNewPassword } from "../support/password-reset";
import { totpCodeFor } from "../support/totp";
import { createTwoFactorAccount, l, logOut, newBrowserContext } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 16 §1: reset links that must not work (forged, expired, used, superseded), a stolen
// mailbox without the phone, and a script asking for links.

const forgedToken = () => randomBytes(32).toString("base64url");

test("a forged, an expired, a used and a superseded link show the same refusal and change nothing", async ({ page, browser, baseURL, securityServer }) => {
  // Four links, three resets of the page and two stops of the server (withDatabase) on a shared machine.
  test.setTimeout(300_000);
  const user = await signUp(page, l);
  await logOut(page);

  for (const path of [`/password/reset?token=${forgedToken()}`, "/password/reset?token=short", "/password/reset"]) {
    await page.goto(path);
    await expect(page.getByRole("status")).toHaveText(l.resetLinkInvalid);
    await expect(page.getByRole("textbox", { name: l.newPassword })).toHaveCount(0);
  }

  // Superseded: the first of two links dies when the second is sent.
  await requestResetLink(page, l, user.email);
  const first = await resetLinkFromMail(securityServer.smtpMessages, user.email, 1);
  await requestResetLink(page, l, user.email);
  const second = await resetLinkFromMail(securityServer.smtpMessages, user.email, 2);
  expect(second).not.toBe(first);
  await page.goto(first);
  await expect(page.getByRole("status")).toHaveText(l.resetLinkInvalid);

  // Expired: 30 minutes after it was made (the clock is moved in the database, not waited for).
  await securityServer.withDatabase((query) =>
    query(`UPDATE "PasswordResetToken" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [user.email]),
  );
  await page.goto(second);
  await expect(page.getByRole("status")).toHaveText(l.resetLinkInvalid);

  // Used: a link that set a password does not work again, not even with its form still open.
  await requestResetLink(page, l, user.email);
  const third = await resetLinkFromMail(securityServer.smtpMessages, user.email, 3);
  const otherContext = await newBrowserContext(browser, baseURL!);
  const stalePage = await otherContext.newPage();
  await stalePage.goto(third);
  await page.goto(third);
  const newPassword = `new-${randomUUID()}`;
  await setNewPassword(page, l, newPassword);
  await page.goto(third);
  await expect(page.getByRole("status")).toHaveText(l.resetLinkInvalid);
  await stalePage.getByRole("textbox", { name: l.newPassword }).fill(`other-${randomUUID()}`);
  await stalePage.getByRole("button", { name: l.setNewPassword }).click();
  await expect(formAlert(stalePage)).toHaveText(l.resetLinkInvalid);
  await otherContext.close();

  // Only the one reset took effect.
  await submitPassword(page, l, { email: user.email, password: newPassword });
  await expect(page).toHaveURL(/\/settings$/);
  const [row] = await securityServer.withDatabase((query) =>
    query<{ links: number; confirmed: boolean }>(
      `SELECT (SELECT count(*)::int FROM "PasswordResetToken" t WHERE t."userId" = u."id") AS "links", u."emailConfirmedAt" IS NOT NULL AS "confirmed" FROM "User" u WHERE u."email" = $1`,
      [user.email],
    ),
  );
  expect(row).toEqual({ links: 0, confirmed: true });
});

test("with two-factor authentication on, the mailbox alone never sets a password; with a current code it does, and the log-in still asks for the code", async ({
  page,
  browser,
  baseURL,
  securityServer,
}) => {
  test.setTimeout(180_000);
  // The set-password action, captured on the reset page of an account without a second factor.
  const plain = await signUp(page, l);
  await logOut(page);
  await requestResetLink(page, l, plain.email);
  await page.goto(await resetLinkFromMail(securityServer.smtpMessages, plain.email));
  await page.getByRole("textbox", { name: l.newPassword }).fill(`x-${randomUUID()}`);
  const setPassword = await captureServerAction(page, () => page.getByRole("button", { name: l.setNewPassword }).click(), { abort: true });

  const { user, key } = await createTwoFactorAccount(browser, baseURL!, { backupCodes: false });
  await requestResetLink(page, l, user.email);
  const link = await resetLinkFromMail(securityServer.smtpMessages, user.email);
  const token = new URL(link, baseURL).searchParams.get("token")!;
  await page.goto(link);
  await expect(page.getByRole("textbox", { name: l.securityCode })).toBeVisible();
  await expect(page.getByRole("textbox", { name: l.newPassword })).toHaveCount(0);

  // Whoever reads the mail posts the password form directly: refused, nothing changed.
  const stolen = await replayServerAction(page.request, setPassword, { fields: { token, password: `stolen-${randomUUID()}` } });
  expect(stolen.redirect).toBeNull();
  expect(stolen.state?.error).toBe("Enter a security code first.");
  // A wrong code is refused, and counts in the code step's limit.
  await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
  await page.getByRole("button", { name: l.continueReset }).click();
  await expect(formAlert(page)).toHaveText(l.resetCodeInvalid);
  await submitPassword(page, l, user);
  await expect(page).toHaveURL(/\/login\/two-factor$/);

  // The owner, with the phone: a current code, then the new password.
  await page.goto(link);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.continueReset }).click();
  const newPassword = `new-${randomUUID()}`;
  await setNewPassword(page, l, newPassword);
  await passPasswordStep(page, l, { email: user.email, password: newPassword });
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("textbox", { name: l.securityCode })).toBeVisible();
  await submitPassword(page, l, user);
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
});

test("a script asking for links for one address is refused after five, the same for an address with no account", async ({ page, securityServer }) => {
  test.setTimeout(120_000);
  const user = await signUp(page, l);
  await logOut(page);
  for (const email of [user.email, `nobody-${randomUUID()}@example.test`]) {
    for (let request = 1; request <= 5; request += 1) await requestResetLink(page, l, email);
    await page.goto("/password/forgot");
    await page.getByRole("textbox", { name: l.emailAddress }).fill(email);
    await page.getByRole("button", { name: l.sendResetLink }).click();
    await expect(formAlert(page)).toHaveText(/^Too many reset links were asked for\. Try again in \d+ minutes?\.$/);
  }
  await expect.poll(() => resetMailsTo(securityServer.smtpMessages, user.email).length).toBe(5);
});
