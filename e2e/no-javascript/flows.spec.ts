import { expect, test } from "@playwright/test";
import {
  disableTwoFactor,
  downloadBackupCodes,
  enableTwoFactor,
  formAlert,
  logIn,
  logInWithBackupCode,
  logInWithSecurityCode,
  logOut,
  openTwoFactorSettings,
  passPasswordStep,
  signUp,
  signUpWithBackupCodes,
  submitPassword,
  twoFactorStatus,
  wrongTotpCodeFor,
} from "../support/flows";
import { ageSessionsOf } from "../support/app-database";
import { labels, labelsFor, languageButtons } from "../support/labels";

// SPEC §2, issue 7.4: every form works as a plain form post; the main menu and the
// confirmation are native popovers. This folder is the no-javascript-en / no-javascript-ja
// projects (playwright.config.ts: javaScriptEnabled false).

test.beforeEach(({}, testInfo) => {
  expect(testInfo.project.use.javaScriptEnabled, `${testInfo.project.name} must run with JavaScript off`).toBe(false);
});

test("sign-up, enabling two-factor authentication and logging in with a security code work without JavaScript", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
  // Issue 17: a passkey needs JavaScript, so without it its buttons are not there at all.
  await expect(page.getByRole("button", { name: l.addPasskey })).toHaveCount(0);
  await logOut(page, l);
  await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();
  await expect(page.getByRole("button", { name: l.signInWithPasskey })).toHaveCount(0);
  await logInWithSecurityCode(page, l, user, key);
  await openTwoFactorSettings(page, l);
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
});

test("error messages show without JavaScript", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);

  await submitPassword(page, l, { email: user.email, password: `${user.password}-wrong` });
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(formAlert(page)).toContainText(l.invalidSecurityCode);
  await page.getByRole("textbox", { name: l.securityCode }).fill("abcdef");
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(formAlert(page)).toHaveText(l.codeInvalid(6));
});

test("downloading backup codes, logging in with one and disabling work without JavaScript", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);
  const { codes, fileName, text } = await downloadBackupCodes(page, l);
  expect(fileName).toBe("nidan-backup-codes.txt");
  expect(text).toContain(user.email);
  expect(new Set(codes).size).toBe(10);
  await page.reload();
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await logOut(page, l);

  await logInWithBackupCode(page, l, user, codes[0]);
  await disableTwoFactor(page, l);
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();
  await logOut(page, l);
  await logIn(page, l, user);
});

test("the language switcher works without JavaScript", async ({ page }, testInfo) => {
  const to = testInfo.project.use.locale?.startsWith("ja") ? "en" : "ja";
  await page.goto("/signup");
  await page.getByRole("banner").getByRole("button", { name: languageButtons[to] }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.locator("html")).toHaveAttribute("lang", to);
  await expect(page.getByRole("button", { name: labels[to].createAccount })).toBeVisible();
});

test("after 10 minutes, the disable confirmation's refusal is shown without JavaScript, and the right password turns it off", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await ageSessionsOf(user.email);
  await page.goto("/settings/two-factor");
  await expect(page.getByText(l.reauthenticationNotice)).toBeVisible();
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });

  await page.getByRole("button", { name: l.disable }).click();
  await dialog.getByLabel(l.password, { exact: true }).fill(`${user.password}-wrong`);
  await dialog.getByRole("textbox", { name: l.reauthenticationCode }).fill(codes[0]);
  await dialog.getByRole("button", { name: l.ok }).click();
  // The page comes back with the confirmation closed: the answer is beside the Disable button.
  await expect(page.getByRole("alert").filter({ hasText: l.wrongPasswordOrCode })).toBeVisible();
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();

  await page.getByRole("button", { name: l.disable }).click();
  await dialog.getByLabel(l.password, { exact: true }).fill(user.password);
  await dialog.getByRole("textbox", { name: l.reauthenticationCode }).fill(codes[1]);
  await dialog.getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
});
