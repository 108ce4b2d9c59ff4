import { expect, test } from "@playwright/test";
import { accountChangeLabels } from "./support/account-change-labels";
import { accountEmail, changePassword, confirmationPathFromLog, requestEmailChange } from "./support/account-change-flows";
import { formAlert, logIn, logOut, newTestUser, signUp, submitPassword } from "./support/flows";
import { labelsFor } from "./support/labels";

// Issue 16 §2 and §3 as a person does them, in English and Japanese (the "en" and "ja"
// projects). The shared server has no SMTP_URL: the link is read from its log, as a newcomer
// would. e2e/security/change-*.spec.ts read real mail and attack both flows.

const changeLabels = (locale: string | undefined) => (locale?.startsWith("ja") ? accountChangeLabels.ja : accountChangeLabels.en);

test("Personal settings → Change password: the new password logs in, the old one no longer does", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const a = changeLabels(testInfo.project.use.locale);
  const user = await signUp(page, l, newTestUser());
  const next = `${user.password}-新しい`;

  await changePassword(page, a, { current: `${user.password}-wrong`, next });
  await expect(formAlert(page)).toHaveText(a.invalidPassword);
  await changePassword(page, a, { current: user.password, next });
  await expect(page.getByRole("status").filter({ hasText: a.passwordChanged })).toBeVisible();

  await logOut(page, l);
  await submitPassword(page, l, user);
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await logIn(page, l, { ...user, password: next });
});

test("Personal settings → Change email address: the address changes when the link is opened", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const a = changeLabels(testInfo.project.use.locale);
  const user = await signUp(page, l, newTestUser());
  const email = `new-${crypto.randomUUID()}@example.test`;

  await requestEmailChange(page, a, { email, current: user.password });
  await expect(page.getByRole("status").filter({ hasText: a.linkSent })).toBeVisible();
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(user.email);

  await page.goto(await confirmationPathFromLog(email));
  await page.getByRole("button", { name: a.confirmEmail }).click();
  await expect(page.getByRole("status")).toContainText(a.emailChanged);
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(email);
  await logOut(page, l);
  await logIn(page, l, { ...user, email });
});
