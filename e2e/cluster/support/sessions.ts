import { type BrowserContext, expect, type Page } from "@playwright/test";
import { formAlert } from "../../support/flows";
import { labels } from "../../support/labels";
import type { Instance } from "./cluster-fixture";

/** next-auth's session cookie over plain HTTP (a JWT naming a Session row). */
export const sessionCookieName = "authjs.session-token";

/**
 * Browsers keep cookies per host, not per port, and each test context is a cookie jar of its
 * own: to show that a session made on one instance is known to the other, the cookie is
 * copied explicitly into a second browser that only ever talks to the other instance.
 */
export async function copySessionCookie(options: { from: BrowserContext; to: BrowserContext; toInstance: Instance }): Promise<string> {
  const cookie = (await options.from.cookies()).find((candidate) => candidate.name === sessionCookieName);
  expect(cookie, `the browser has no ${sessionCookieName} cookie`).toBeDefined();
  await options.to.addCookies([
    { name: cookie!.name, value: cookie!.value, url: options.toInstance.baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
  return cookie!.value;
}

/** The value of the session cookie this browser holds now, if any. */
export async function sessionCookieValue(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((candidate) => candidate.name === sessionCookieName)?.value;
}

/**
 * What a submitted code step led to: "signed-in" when the browser reached /settings, else the
 * text of the form's alert. Polls, so it can watch several pages submitted at once.
 */
export async function outcomeOf(page: Page, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (/\/settings$/.test(new URL(page.url()).pathname)) return "signed-in";
    const alert = (await formAlert(page).innerText({ timeout: 1_000 }).catch(() => "")).trim();
    if (alert) return alert;
    await page.waitForTimeout(100);
  }
  throw new Error(`No outcome on ${page.url()} within ${timeoutMs} ms`);
}

/** On /settings, signed in as `email`: the Account section names it. */
export async function expectSignedInAs(page: Page, email: string) {
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("region", { name: labels.en.account }).getByText(email, { exact: true })).toBeVisible();
}

/**
 * Main menu → Log out. Not e2e/support/flows.ts's logOut: on /settings its non-exact
 * name also matches "End all other sessions".
 */
export async function logOutViaMenu(page: Page) {
  await page.getByRole("button", { name: labels.en.mainMenu }).click();
  await page.getByRole("button", { name: labels.en.logOut, exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}
