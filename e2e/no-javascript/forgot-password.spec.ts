import { randomUUID } from "node:crypto";
import { formAlert, logIn, logOut, signUp } from "../support/flows";
import { labelsFor } from "../support/labels";
import { requestResetLink, resetLinkFromMail, setNewPassword } from "../support/password-reset";
import { expect, test } from "../security/support/server-fixture";

// Issue 16 §1 without JavaScript (no-javascript-en / no-javascript-ja): the forgot and reset
// forms are plain form posts. The attack suite's server mails to an SMTP receiver the test reads.

test("forgot password, a refused and an accepted new password, and the log-in all work as plain form posts", async ({ page, securityServer }, testInfo) => {
  test.setTimeout(120_000);
  expect(testInfo.project.use.javaScriptEnabled).toBe(false);
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await logOut(page, l);
  await requestResetLink(page, l, user.email);
  await page.goto(await resetLinkFromMail(securityServer.smtpMessages, user.email));
  await page.getByRole("textbox", { name: l.newPassword }).fill("passwordpassword");
  await page.getByRole("button", { name: l.setNewPassword }).click();
  await expect(formAlert(page)).toHaveText(l.passwordTooCommon);
  const newPassword = `new-${randomUUID()}`;
  await setNewPassword(page, l, newPassword);
  await logIn(page, l, { email: user.email, password: newPassword });
});
