import { expect, test } from "@playwright/test";
import {
  enableTwoFactor,
  formAlert,
  logIn,
  logInWithSecurityCode,
  logOut,
  newTestUser,
  passPasswordStep,
  signUp,
  submitPassword,
  wrongTotpCodeFor,
} from "./support/flows";
import { labelsFor } from "./support/labels";
import { e2eBaseUrl } from "./support/server";
import { totpCodeFor } from "./support/totp";

// Help page: 「2要素認証設定後にログインする」.

test("without two-factor authentication, email address and password alone log in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await logOut(page, l);
  await logIn(page, l, user);
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();
});

test("with two-factor authentication, the password leads to the security code step and a correct code logs in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await expect(page.getByText(l.twoFactorStepIntro)).toBeVisible();
  await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();
  await expect(page.getByRole("link", { name: l.logInWithBackupCode })).toBeVisible();
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.logIn }).click();

  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("link", { name: l.personalSettings }).click();
  await page.getByRole("link", { name: l.setUpTwoFactor }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByText(l.enabled, { exact: true })).toBeVisible();
});

test("a wrong security code shows the error and stays on the code step", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(formAlert(page)).toContainText(l.invalidSecurityCode);
  await expect(page).toHaveURL(/\/login\/two-factor$/);

  // The failed attempt does not end the step: the right code still logs in.
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("a security code that has already logged in is refused the second time", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  const code = await totpCodeFor({ key, stepOffset: 1 });
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(code);
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(code);
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(formAlert(page)).toContainText(l.invalidSecurityCode);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
});

test("an unknown email address and a wrong password get the same message", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await logOut(page, l);

  await submitPassword(page, l, { email: user.email, password: `${user.password}-wrong` });
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await expect(page).toHaveURL(/\/login$/);

  await submitPassword(page, l, { email: newTestUser().email, password: user.password });
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await expect(page).toHaveURL(/\/login$/);
});

test("between the password and the code, the signed-in app is not reachable", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);

  for (const path of ["/settings", "/settings/two-factor", "/"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: l.mainMenu })).toHaveCount(0);
  }
  // The route handler behind "Download backup codes" must not hand out codes either.
  const download = await page.request.post("/settings/two-factor/backup-codes", {
    headers: { Origin: e2eBaseUrl },
    maxRedirects: 0,
  });
  expect(download.headers()["content-disposition"]).toBeUndefined();
  expect(download.status()).toBe(303);
  expect(new URL(download.headers()["location"], e2eBaseUrl).pathname).toBe("/login");

  // Looking elsewhere does not end the pending step: the code still completes it.
  await page.goto("/login/two-factor");
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("the code steps without a pending password step say so and link back to the login page", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  for (const path of ["/login/two-factor", "/login/backup-code"]) {
    await page.goto(path);
    await expect(page.getByText(l.pendingLoginExpired)).toBeVisible();
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await page.getByRole("link", { name: l.backToLogin }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("textbox", { name: l.emailAddress })).toBeVisible();
  }
});

test("the main menu at the top right of every signed-in page offers Personal settings and Log out", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await logInWithSecurityCode(page, l, user, key);

  for (const path of ["/settings", "/settings/two-factor"]) {
    await page.goto(path);
    const mainMenu = page.getByRole("banner").getByRole("button", { name: l.mainMenu });
    // 「画面右上」: the button sits in the right half of the header.
    const box = await mainMenu.boundingBox();
    expect(box && box.x > (page.viewportSize()?.width ?? 0) / 2).toBe(true);
    await mainMenu.click();
    await expect(page.getByRole("link", { name: l.personalSettings })).toBeVisible();
    await expect(page.getByRole("button", { name: l.logOut })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: l.logOut })).toBeHidden();
  }
});

test("choosing Personal settings in the main menu opens it and closes the menu", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("link", { name: l.personalSettings }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("link", { name: l.setUpTwoFactor })).toBeVisible();
  // A menu whose item was chosen does not stay open over the page it led to.
  await expect(page.getByRole("button", { name: l.logOut })).toBeHidden();
});

test("Log out returns to the login page, after which the signed-in pages redirect there", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await logInWithSecurityCode(page, l, user, key);

  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("button", { name: l.logOut }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(l.signedOut)).toBeVisible();
  await expect(page.getByRole("button", { name: l.mainMenu })).toHaveCount(0);
  for (const path of ["/settings", "/settings/two-factor"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
});
