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

/** The form's own alert: Next.js adds a route-announcer alert of its own outside every form. */
export function formAlert(page: Page) {
  return page.locator("form").getByRole("alert");
}

/** Email address and password alone, for an account without two-factor authentication. */
export async function logIn(page: Page, l: Labels, user: TestUser) {
  await submitPassword(page, l, user);
  await expect(page).toHaveURL(/\/settings$/);
}

/** The password step of an account with two-factor authentication on; ends on the code step. */
export async function passPasswordStep(page: Page, l: Labels, user: TestUser) {
  await submitPassword(page, l, user);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("textbox", { name: l.securityCode })).toBeVisible();
}

/** On the code step: follows "Log in with a backup code" and submits `typed` as the backup code. */
export async function submitBackupCode(page: Page, l: Labels, typed: string) {
  if (!/\/login\/backup-code$/.test(page.url())) {
    await page.getByRole("link", { name: l.logInWithBackupCode }).click();
    await expect(page).toHaveURL(/\/login\/backup-code$/);
  }
  await page.getByRole("textbox", { name: l.backupCode }).fill(typed);
  await page.getByRole("button", { name: l.logIn }).click();
}

/**
 * Password, then a security code. `stepOffset` defaults to 1: the test enabled two-factor
 * authentication with the current step, which the server will not take a second time.
 */
export async function logInWithSecurityCode(page: Page, l: Labels, user: TestUser, key: string, stepOffset = 1) {
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset }));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
}

/** Password, then a backup code instead of a security code. */
export async function logInWithBackupCode(page: Page, l: Labels, user: TestUser, typed: string) {
  await passPasswordStep(page, l, user);
  await submitBackupCode(page, l, typed);
  await expect(page).toHaveURL(/\/settings$/);
}

/**
 * A 6-digit code that is valid for none of the steps the server could accept now or in the
 * next step (previous, current, next, and the one after in case a boundary passes meanwhile).
 */
export async function wrongTotpCodeFor(key: string): Promise<string> {
  const validCodes = new Set(await Promise.all([-1, 0, 1, 2].map((stepOffset) => totpCodeFor({ key, stepOffset }))));
  let candidate = Number(await totpCodeFor({ key }));
  do candidate = (candidate + 1) % 1_000_000;
  while (validCodes.has(String(candidate).padStart(6, "0")));
  return String(candidate).padStart(6, "0");
}

/** "12345678" → "1234 5678", as the codes are shown on screen. */
export function withSpace(code: string): string {
  const half = code.length / 2;
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** "12345678" → "1234-5678". */
export function withHyphen(code: string): string {
  const half = code.length / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** "123456" → "１２３４５６", as typed with a Japanese input method left on. */
export function fullWidth(code: string): string {
  return code.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
}

/** A new account with two-factor authentication on and a first set of backup codes; stays signed in. */
export async function signUpWithBackupCodes(page: Page, l: Labels) {
  const user = await signUp(page, l);
  const key = await enableTwoFactor(page, l);
  const { codes } = await downloadBackupCodes(page, l);
  expect(codes).toHaveLength(10);
  return { user, key, codes };
}

/** From a signed-in page: Main menu → Personal settings → Set up two-factor authentication → Disable → OK. */
export async function disableTwoFactor(page: Page, l: Labels) {
  await openTwoFactorSettings(page, l);
  await page.getByRole("button", { name: l.disable }).click();
  await page.getByRole("alertdialog", { name: l.confirmDisableTitle }).getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
}

/** The two-factor status as the settings screens print it ("Enabled" / "Disabled"). */
export function twoFactorStatus(page: Page, l: Labels, status: "enabled" | "disabled") {
  return page.getByText(status === "enabled" ? l.enabled : l.disabled, { exact: true });
}
