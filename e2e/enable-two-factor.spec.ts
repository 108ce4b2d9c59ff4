import { expect, test } from "@playwright/test";
import { enableTwoFactor, openTwoFactorSettings, readKeyFromScreen, signUp } from "./support/flows";
import { labelsFor } from "./support/labels";
import { totpCodeFor } from "./support/totp";

test("the setup screen shows the QR code, the account, the key and the app recommendation", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  await expect(page.getByRole("heading", { name: l.setupTitle })).toBeVisible();
  await expect(page.getByText(l.googleAuthenticator)).toBeVisible();
  await expect(page.getByRole("img", { name: l.qrCode })).toBeVisible();
  await expect(page.getByText(l.account, { exact: true }).locator("xpath=following-sibling::*[1]")).toHaveText(user.email);
  const key = await readKeyFromScreen(page, l);
  expect(key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
});

test("the pending key survives a reload and a wrong code leaves two-factor off", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await page.reload();
  expect(await readKeyFromScreen(page, l)).toBe(key);

  const wrongCode = (Number(await totpCodeFor({ key })) + 1) % 1_000_000;
  await page.getByRole("textbox", { name: l.securityCode }).fill(String(wrongCode).padStart(6, "0"));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(l.invalidSecurityCode);
  await page.goto("/settings");
  await expect(page.getByText(l.disabled, { exact: true })).toBeVisible();
});

test("a correct code turns two-factor authentication on", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  await enableTwoFactor(page, l);
  await expect(page.getByText(l.enabled, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: l.downloadBackupCodes })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByText(l.enabled, { exact: true })).toBeVisible();
});
