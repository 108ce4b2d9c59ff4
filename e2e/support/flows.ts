import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import type { Labels } from "./labels";
import { totpCodeFor } from "./totp";

export type TestUser = { email: string; password: string };

export function newTestUser(): TestUser {
  return { email: `user-${randomUUID()}@example.test`, password: `pw-${randomUUID()}` };
}

/** Creates an account through /signup, as a user would; ends signed in on /settings. */
export async function signUp(page: Page, l: Labels, user: TestUser = newTestUser()): Promise<TestUser> {
  await page.goto("/signup");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  await page.getByRole("textbox", { name: l.password }).fill(user.password);
  await page.getByRole("button", { name: l.createAccount }).click();
  await expect(page).toHaveURL(/\/settings$/);
  return user;
}

export async function submitPassword(page: Page, l: Labels, user: TestUser) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  await page.getByRole("textbox", { name: l.password }).fill(user.password);
  await page.getByRole("button", { name: l.logIn }).click();
}

export async function openTwoFactorSettings(page: Page, l: Labels) {
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("link", { name: l.personalSettings }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("link", { name: l.setUpTwoFactor }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor/);
}

/** Reads the Key shown for manual entry, as a person would copy it into the app. */
export async function readKeyFromScreen(page: Page, l: Labels): Promise<string> {
  const keyValue = page.getByText(l.key, { exact: true }).locator("xpath=following-sibling::*[1]");
  return (await keyValue.innerText()).trim();
}

/** From a signed-in page: turns two-factor authentication on and returns the key. */
export async function enableTwoFactor(page: Page, l: Labels): Promise<string> {
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key }));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.getByText(l.enabledNotice)).toBeVisible();
  return key;
}

export async function logOut(page: Page, l: Labels) {
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("button", { name: l.logOut }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Clicks "Download backup codes" and returns the codes from the downloaded file. */
export async function downloadBackupCodes(page: Page, l: Labels): Promise<{ codes: string[]; fileName: string; text: string }> {
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: l.downloadBackupCodes }).click();
  const download = await downloadPromise;
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return { codes: text.split("\n").filter((line) => /^\d{8}$/.test(line)), fileName: download.suggestedFilename(), text };
}
