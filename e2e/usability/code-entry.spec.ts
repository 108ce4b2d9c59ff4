import { expect, test } from "@playwright/test";
import { enableTwoFactor, logOut, passPasswordStep, signUp } from "../support/flows";
import { labelsFor } from "../support/labels";
import { totpCodeFor } from "../support/totp";

// Issue 7: code fields ask phones for the numeric keyboard and the SMS/one-time-code
// autofill, and the form submits itself when a person types or pastes the last digit.

test("the code fields are one-time-code fields with a numeric keyboard", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  for (const field of [page.getByRole("textbox", { name: l.securityCode })]) {
    await expect(field).toHaveAttribute("autocomplete", "one-time-code");
    await expect(field).toHaveAttribute("inputmode", "numeric");
    await expect(field).toBeFocused();
  }
  await page.getByRole("link", { name: l.logInWithBackupCode }).click();
  const backupField = page.getByRole("textbox", { name: l.backupCode });
  await expect(backupField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(backupField).toHaveAttribute("inputmode", "numeric");
});

test("typing the sixth digit signs in without pressing Log in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).pressSequentially(await totpCodeFor({ key, stepOffset: 1 }));
  await expect(page).toHaveURL(/\/settings$/);
});

test("pasting '123 456'-style codes signs in too", async ({ page, context }, testInfo) => {
  const l = labelsFor(testInfo);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  const code = await totpCodeFor({ key, stepOffset: 1 });
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole("textbox", { name: l.securityCode }).focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page).toHaveURL(/\/settings$/);
});

test("a code filled in by a script waits for the button, so fill-then-click flows never race", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
});
