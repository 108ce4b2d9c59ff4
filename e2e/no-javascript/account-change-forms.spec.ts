import { expect, test } from "@playwright/test";
import { accountChangeLabels } from "../support/account-change-labels";
import { accountEmail, changePassword, confirmationPathFromLog, requestEmailChange } from "../support/account-change-flows";
import { formAlert, logIn, logOut, newTestUser, signUp } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 16: changing the password and the address, and confirming the link, as plain form posts
// (the no-javascript-en / no-javascript-ja projects).

test.beforeEach(({}, testInfo) => {
  expect(testInfo.project.use.javaScriptEnabled, `${testInfo.project.name} must run with JavaScript off`).toBe(false);
});

test("changing the password and the email address work without JavaScript, errors included", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const a = testInfo.project.use.locale?.startsWith("ja") ? accountChangeLabels.ja : accountChangeLabels.en;
  const user = await signUp(page, l, newTestUser());
  const next = `${user.password}-next`;

  await changePassword(page, a, { current: "not my password", next });
  await expect(formAlert(page)).toHaveText(a.invalidPassword);
  await changePassword(page, a, { current: user.password, next });
  await expect(page.getByRole("status").filter({ hasText: a.passwordChanged })).toBeVisible();

  const email = `new-${crypto.randomUUID()}@example.test`;
  await requestEmailChange(page, a, { email, current: next });
  await expect(page.getByRole("status").filter({ hasText: a.linkSent })).toBeVisible();
  await page.goto(await confirmationPathFromLog(email));
  await page.getByRole("button", { name: a.confirmEmail }).click();
  await expect(page.getByRole("status")).toContainText(a.emailChanged);
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(email);
  await logOut(page, l);
  await logIn(page, l, { email, password: next });
});
