import { expect, type Page, test } from "@playwright/test";
import { formAlert, logIn, logOut, newTestUser, signUp, submitPassword, twoFactorStatus, type TestUser } from "./support/flows";
import { labelsFor, type Labels } from "./support/labels";

async function submitSignUp(page: Page, l: Labels, user: TestUser) {
  await page.goto("/signup");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  await page.getByRole("textbox", { name: l.password }).fill(user.password);
  await page.getByRole("button", { name: l.createAccount }).click();
}

test("Create account signs the new user in, with two-factor authentication off", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();
  await logOut(page, l);
  await logIn(page, l, user);
});

test("an email address that already has an account gets a clear message", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await logOut(page, l);

  for (const email of [user.email, user.email.toUpperCase()]) {
    await submitSignUp(page, l, { email, password: "another-password-1" });
    await expect(formAlert(page)).toHaveText(l.emailTaken);
    await expect(page).toHaveURL(/\/signup$/);
  }
  // The first account is untouched: its own password still logs in, the other does not.
  await submitPassword(page, l, { email: user.email, password: "another-password-1" });
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await logIn(page, l, user);
});

test("a password that is too short gets a clear message and no account is created", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = newTestUser();
  await submitSignUp(page, l, { email: user.email, password: "short7!" });
  await expect(formAlert(page)).toHaveText(l.passwordTooShort);
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("textbox", { name: l.emailAddress })).toHaveValue(user.email);

  await submitPassword(page, l, { email: user.email, password: "short7!" });
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  // The address is still free.
  await signUp(page, l, user);
});

test("the sign-up page links to the login page and the login page to sign-up", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await page.goto("/signup");
  await page.getByRole("main").getByRole("link", { name: l.logIn, exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();

  await page.getByRole("link", { name: l.createAccountLink }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("button", { name: l.createAccount })).toBeVisible();
});
