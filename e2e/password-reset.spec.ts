import { randomUUID } from "node:crypto";
import { formAlert, logIn, logInWithSecurityCode, logOut, passPasswordStep, signUp, signUpWithBackupCodes, submitBackupCode, submitPassword } from "./support/flows";
import { labelsFor } from "./support/labels";
import { requestResetLink, resetLinkFromMail, setNewPassword } from "./support/password-reset";
import { expect, test } from "./security/support/server-fixture";

// Issue 16 §1, in English and Japanese: "Forgot your password?" from the log-in page, the link
// read from the mail the real SMTP receiver got, and what a reset changes. The server is the
// attack suite's (e2e/security/support/server-fixture.ts): the shared one sends no mail.

test("without two-factor authentication: the mailed link sets a new password, ends every session and the old password", async ({ page, browser, baseURL, securityServer }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const otherBrowser = await browser.newContext({ baseURL, locale: testInfo.project.use.locale, extraHTTPHeaders: testInfo.project.use.extraHTTPHeaders });
  const otherPage = await otherBrowser.newPage();
  await logIn(otherPage, l, user);
  await logOut(page, l);

  await requestResetLink(page, l, user.email);
  await page.goto(await resetLinkFromMail(securityServer.smtpMessages, user.email));
  const newPassword = `new-${randomUUID()}`;
  await setNewPassword(page, l, newPassword);

  // The other browser was logged out; the old password no longer works, the new one does.
  await otherPage.goto("/settings");
  await expect(otherPage).toHaveURL(/\/login/);
  await submitPassword(page, l, user);
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await logIn(page, l, { email: user.email, password: newPassword });
  // The mail is in the language the user signed up in (User.locale).
  const mailWords = testInfo.project.use.locale?.startsWith("ja")
    ? { subject: "パスワードが変更されました", browser: "ブラウザ: ", notYou: "お心当たりがない場合は" }
    : { subject: "Your password was changed", browser: "Browser: ", notYou: "If this was not you" };
  const changedMails = () => securityServer.smtpMessages.filter((mail) => mail.envelopeTo.includes(user.email) && mail.subject.includes(mailWords.subject));
  await expect.poll(() => changedMails().length).toBe(1);
  expect(changedMails()[0].text).toContain(mailWords.browser);
  expect(changedMails()[0].text).toContain(mailWords.notYou);
  await otherBrowser.close();
});

test("with two-factor authentication: the link asks for a backup code first, spends it, and the log-in still asks for the second step", async ({ page, securityServer }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const { user, key, codes } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);

  await requestResetLink(page, l, user.email);
  await page.goto(await resetLinkFromMail(securityServer.smtpMessages, user.email));
  await expect(page.getByRole("textbox", { name: l.securityCode })).toBeVisible();
  await expect(page.getByRole("textbox", { name: l.newPassword })).toHaveCount(0);
  await page.getByRole("link", { name: l.useBackupCodeForReset }).click();
  await page.getByRole("textbox", { name: l.backupCode }).fill(codes[0]);
  await page.getByRole("button", { name: l.continueReset }).click();
  const newPassword = `new-${randomUUID()}`;
  await setNewPassword(page, l, newPassword);

  const renewed = { email: user.email, password: newPassword };
  // The backup code was spent by the reset.
  await passPasswordStep(page, l, renewed);
  await submitBackupCode(page, l, codes[0]);
  await expect(formAlert(page)).toHaveText(l.invalidBackupCode);
  // The second step still applies after a reset.
  await logInWithSecurityCode(page, l, renewed, key);
});
