import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import {
  downloadBackupCodes,
  enableTwoFactor,
  formAlert,
  newTestUser,
  passPasswordStep,
  signUp,
  type TestUser,
} from "../../support/flows";
import { labels } from "../../support/labels";

/** The attack suite runs in English only (the "ja" project ignores e2e/security). */
export const l = labels.en;

export const tooManyAttempts = /Too many attempts\. Try again in \d+ minutes?\./;

/**
 * Main menu → Log out. (The shared flows' logOut also matches "End all other sessions" on
 * /settings, so this one asks for the exact name, inside the menu.)
 */
export async function logOut(page: Page) {
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.locator("#main-menu").getByRole("button", { name: l.logOut, exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Another browser (cookie jar) on the suite's server, optionally behind a forwarding proxy. */
export function newBrowserContext(browser: Browser, baseURL: string, headers: Record<string, string> = {}): Promise<BrowserContext> {
  // A client of its own behind the proxy (see server-fixture.ts); the default start ignores the header.
  return browser.newContext({ baseURL, locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en", "x-forwarded-for": randomClientAddress(), ...headers } });
}

export type TwoFactorAccount = { user: TestUser; key: string; codes: string[] };

/**
 * A new account with two-factor authentication on (and, if asked, a first set of backup codes),
 * made through the UI in a browser of its own, which is logged out and closed afterwards.
 * The current time step was spent on enabling: sign in with `stepOffset: 1`.
 */
export async function createTwoFactorAccount(browser: Browser, baseURL: string, options: { backupCodes: boolean }): Promise<TwoFactorAccount> {
  const context = await newBrowserContext(browser, baseURL);
  try {
    const page = await context.newPage();
    const user = await signUp(page, l, newTestUser());
    const key = await enableTwoFactor(page, l);
    const codes = options.backupCodes ? (await downloadBackupCodes(page, l)).codes : [];
    if (options.backupCodes) expect(codes).toHaveLength(10);
    await logOut(page);
    return { user, key, codes };
  } finally {
    await context.close();
  }
}

/** A fresh browser that has passed the password step of `user` and shows the code step. */
export async function browserAtCodeStep(browser: Browser, baseURL: string, user: TestUser, headers: Record<string, string> = {}) {
  const context = await newBrowserContext(browser, baseURL, headers);
  const page = await context.newPage();
  await passPasswordStep(page, l, user);
  return { context, page };
}

/**
 * What a submitted code step led to: "signed-in" when the browser reached /settings, else the
 * text of the form's alert. Polls, so it can watch several pages submitted at once.
 */
export async function outcomeOf(page: Page, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (/\/settings$/.test(new URL(page.url()).pathname)) return "signed-in";
    const alert = (await formAlert(page).innerText({ timeout: 1_000 }).catch(() => "")).trim();
    if (alert) return alert;
    await page.waitForTimeout(100);
  }
  throw new Error(`No outcome on ${page.url()} within ${timeoutMs} ms`);
}

/** A random private address (RFC 1918), as a forwarding proxy would report it. */
export function randomClientAddress(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}
