import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  enableTwoFactor,
  formAlert,
  fullWidth,
  logIn,
  logOut,
  newTestUser,
  openTwoFactorSettings,
  passPasswordStep,
  readKeyFromScreen,
  signUp,
  signUpWithBackupCodes,
  submitBackupCode,
  twoFactorStatus,
  withHyphen,
  withSpace,
} from "./support/flows";
import { labelsFor, type Labels } from "./support/labels";
import { totpCodeFor } from "./support/totp";

const overlong = "1".repeat(100_000);
const emoji = "😀😀😀😀😀😀";
const withNul = "123\u0000456";
const errorPageText = /Application error|Internal Server Error|This page couldn.t load|Something went wrong|問題が発生しました/;

/**
 * Fills a field as a crafted client could: without the `maxlength` the page sets, so a
 * 100 kB value really reaches the server action (a person typing is capped by the browser).
 */
async function fillUncapped(field: Locator, value: string) {
  await field.evaluate((input) => input.removeAttribute("maxlength"));
  await field.fill(value);
}

/** Collects uncaught exceptions of the page, which a user would meet as a broken form. */
function watchPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return errors;
}

/** The form answered in its own alert and is still there to correct the input. */
async function expectAnsweredInForm(page: Page, message: string, submit: string) {
  await expect(formAlert(page)).toHaveText(message);
  await expect(page.getByRole("button", { name: submit })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(errorPageText);
}

type CodeCase = { name: string; typed: string; uncapped?: boolean; message: (l: Labels, digits: number) => string };

const badCodes: CodeCase[] = [
  { name: "empty", typed: "", message: (l, digits) => l.codeEmpty(digits) },
  { name: "100 kB", typed: overlong, uncapped: true, message: (l, digits) => l.codeInvalid(digits) },
  { name: "letters", typed: "abcdef", message: (l, digits) => l.codeInvalid(digits) },
  { name: "emoji", typed: emoji, message: (l, digits) => l.codeInvalid(digits) },
  { name: "NUL", typed: withNul, message: (l, digits) => l.codeInvalid(digits) },
  { name: "too few digits", typed: "12345", message: (l, digits) => l.codeWrongLength(digits) },
];

/** Every bad code on a fresh copy of the page, so each answer is read from its own alert. */
async function submitBadCodes(page: Page, options: { path: string; field: string; submit: string; digits: number; l: Labels }) {
  const errors = watchPageErrors(page);
  for (const badCode of badCodes) {
    await test.step(badCode.name, async () => {
      await page.goto(options.path);
      const field = page.getByRole("textbox", { name: options.field });
      if (badCode.uncapped) await fillUncapped(field, badCode.typed);
      else await field.fill(badCode.typed);
      await page.getByRole("button", { name: options.submit }).click();
      await expectAnsweredInForm(page, badCode.message(options.l, options.digits), options.submit);
      await expect(page).toHaveURL(new RegExp(`${options.path}$`));
    });
  }
  expect(errors).toEqual([]);
}

test("the login form answers bad input with a message and logs nobody in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await logOut(page, l);
  const errors = watchPageErrors(page);
  const cases: { name: string; email: string; password: string; uncapped?: boolean; message: string }[] = [
    { name: "empty", email: "", password: "", message: l.emailEmpty },
    { name: "empty password", email: user.email, password: "", message: l.passwordEmpty },
    { name: "100 kB email", email: `${overlong}@example.test`, password: user.password, uncapped: true, message: l.emailInvalid },
    { name: "100 kB password", email: user.email, password: overlong, message: l.passwordTooLong },
    { name: "letters for an email", email: "abcdef", password: user.password, message: l.emailInvalid },
    { name: "emoji email", email: emoji, password: user.password, message: l.emailInvalid },
    { name: "emoji password", email: user.email, password: emoji, message: l.invalidCredentials },
    { name: "NUL in the email", email: `user${withNul}@example.test`, password: user.password, message: l.emailInvalid },
    { name: "NUL in the password", email: user.email, password: withNul, message: l.invalidCredentials },
  ];
  for (const badInput of cases) {
    await test.step(badInput.name, async () => {
      await page.goto("/login");
      const email = page.getByRole("textbox", { name: l.emailAddress });
      if (badInput.uncapped) await fillUncapped(email, badInput.email);
      else await email.fill(badInput.email);
      await page.getByRole("textbox", { name: l.password }).fill(badInput.password);
      await page.getByRole("button", { name: l.logIn }).click();
      await expectAnsweredInForm(page, badInput.message, l.logIn);
      await expect(page).toHaveURL(/\/login$/);
    });
  }
  expect(errors).toEqual([]);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, l, user);
});

test("the sign-up form answers bad input with a message and creates no account", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = newTestUser();
  const errors = watchPageErrors(page);
  const cases: { name: string; email: string; password: string; uncapped?: boolean; message: string }[] = [
    { name: "empty", email: "", password: "", message: l.emailEmpty },
    { name: "empty password", email: user.email, password: "", message: l.passwordEmpty },
    { name: "100 kB email", email: `${overlong}@example.test`, password: user.password, uncapped: true, message: l.emailInvalid },
    { name: "100 kB password", email: user.email, password: overlong, message: l.passwordTooLong },
    { name: "letters for an email", email: "abcdef", password: user.password, message: l.emailInvalid },
    { name: "short password", email: user.email, password: "abcdef", message: l.passwordTooShort },
    { name: "emoji email", email: emoji, password: user.password, message: l.emailInvalid },
    { name: "six emoji as the password", email: user.email, password: emoji, message: l.passwordTooShort },
    { name: "NUL in the email", email: `user${withNul}@example.test`, password: user.password, message: l.emailInvalid },
    { name: "NUL in the password", email: user.email, password: `${withNul}-long-enough`, message: l.passwordInvalid },
  ];
  for (const badInput of cases) {
    await test.step(badInput.name, async () => {
      await page.goto("/signup");
      const email = page.getByRole("textbox", { name: l.emailAddress });
      if (badInput.uncapped) await fillUncapped(email, badInput.email);
      else await email.fill(badInput.email);
      await page.getByRole("textbox", { name: l.password }).fill(badInput.password);
      await page.getByRole("button", { name: l.createAccount }).click();
      await expectAnsweredInForm(page, badInput.message, l.createAccount);
      await expect(page).toHaveURL(/\/signup$/);
    });
  }
  expect(errors).toEqual([]);
  // None of those created the account: the address is still free.
  await signUp(page, l, user);
});

test("the security code step answers bad input with a message and still takes the right code", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await submitBadCodes(page, { path: "/login/two-factor", field: l.securityCode, submit: l.logIn, digits: 6, l });
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/login/two-factor");
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("the backup code step answers bad input with a message and still takes a right code", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await submitBadCodes(page, { path: "/login/backup-code", field: l.backupCode, submit: l.logIn, digits: 8, l });
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/login/backup-code");
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
  await openTwoFactorSettings(page, l);
  await expect(page.getByText(l.remaining(9))).toBeVisible();
});

test("the setup Verify form answers bad input with a message and leaves two-factor authentication off", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await submitBadCodes(page, { path: "/settings/two-factor", field: l.securityCode, submit: l.verify, digits: 6, l });

  await page.goto("/settings");
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();
  await page.goto("/settings/two-factor");
  expect(await readKeyFromScreen(page, l)).toBe(key);
});

test("security codes typed with a space or a hyphen are accepted", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await page.getByRole("textbox", { name: l.securityCode }).fill(withSpace(await totpCodeFor({ key })));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.getByText(l.enabledNotice)).toBeVisible();
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(withHyphen(await totpCodeFor({ key, stepOffset: 1 })));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("security codes typed in full-width digits are accepted", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await page.getByRole("textbox", { name: l.securityCode }).fill(fullWidth(await totpCodeFor({ key })));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.getByText(l.enabledNotice)).toBeVisible();
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(fullWidth(await totpCodeFor({ key, stepOffset: 1 })));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("code fields bring up a numeric keyboard and one-time-code autofill", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  for (const [path, name] of [
    ["/login/two-factor", l.securityCode],
    ["/login/backup-code", l.backupCode],
  ] as const) {
    await page.goto(path);
    const field = page.getByRole("textbox", { name });
    await expect(field).toHaveAttribute("inputmode", "numeric");
    await expect(field).toHaveAttribute("autocomplete", "one-time-code");
  }
});
