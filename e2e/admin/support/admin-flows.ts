import { type Browser, expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { enableTwoFactor, logIn, logOut, passPasswordStep, signUp, type TestUser, wrongTotpCodeFor } from "../../support/flows";
import type { Labels } from "../../support/labels";
import type { AdminLabels } from "./admin-labels";
import type { AdminServer } from "./admin-server";

/** A second person at their own browser: same language as the test's project, same server. */
export async function newPersonPage(browser: Browser, testInfo: TestInfo, baseURL: string): Promise<Page> {
  const { locale, extraHTTPHeaders } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, locale, extraHTTPHeaders });
  return context.newPage();
}

/** Main menu → Administration, as an admin would get there. */
export async function openAdministration(page: Page, l: Labels, al: AdminLabels) {
  await page.getByRole("button", { name: l.mainMenu }).click();
  await page.getByRole("link", { name: al.administration }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** Users → search for the email → the user's page. */
export async function openUserPage(page: Page, al: AdminLabels, email: string) {
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: al.searchByEmail }).fill(email);
  await page.getByRole("button", { name: al.search, exact: true }).click();
  await page.getByRole("link", { name: email, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: email })).toBeVisible();
}

/** The value the user page gives for one fact ("Role", "Lock", …). */
export function userFact(page: Page, term: string): Locator {
  return page.getByTestId("user-facts").locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

/** The section of the user page under this heading, with its own form. */
export function section(page: Page, heading: string): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
}

/** Wrong security codes until the code step locks the account (10 by the rate limit), as an attacker would. */
export async function lockByWrongCodes(page: Page, l: Labels, al: AdminLabels, user: TestUser, key: string) {
  await passPasswordStep(page, l, user);
  // Each answer is awaited until the form is idle again (the alert's text alone is the same
  // after every wrong code, and the button ignores clicks while a submission is pending).
  const logInButton = page.getByRole("button", { name: l.logIn });
  const submitWrongCode = async () => {
    await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
    await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), logInButton.click()]);
    await expect(logInButton).toHaveAttribute("aria-disabled", "false");
  };
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await submitWrongCode();
    await expect(page.locator("form").getByRole("alert")).toContainText(l.invalidSecurityCode);
  }
  await submitWrongCode();
  await expect(page.locator("form").getByRole("alert")).toContainText(al.tooManyAttempts);
}

/**
 * The same signed-in browser with JavaScript off: the forms as a browser without JavaScript
 * gets them, with the hidden fields that name the server action (React drops them on hydration).
 */
export async function withoutJavaScript(page: Page, testInfo: TestInfo, baseURL: string): Promise<Page> {
  const { locale, extraHTTPHeaders } = testInfo.project.use;
  const storageState = await page.context().storageState();
  const context = await page.context().browser()!.newContext({ baseURL, locale, extraHTTPHeaders, storageState, javaScriptEnabled: false });
  return context.newPage();
}

/** Every field a form would post (hidden action fields included), to replay it from elsewhere. */
export async function formFields(form: Locator): Promise<Record<string, string>> {
  return form.evaluate((element) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of new FormData(element as HTMLFormElement)) if (typeof value === "string") fields[name] = value;
    return fields;
  });
}

export type Requirement = "requirementOff" | "requirementAdmins" | "requirementEveryone";

export async function setPolicy(page: Page, al: AdminLabels, options: { requirement: Requirement; graceDays: number; passkeysOnly?: boolean }) {
  await page.goto("/admin/policy");
  await page.getByRole("radio", { name: al[options.requirement], exact: true }).check();
  await page.getByRole("spinbutton", { name: al.graceDays }).fill(String(options.graceDays));
  await page.getByRole("checkbox", { name: al.passkeysOnly }).setChecked(options.passkeysOnly ?? false);
  await page.getByRole("button", { name: al.save }).click();
}

/**
 * The policy is set by an admin who has two-factor authentication on (the app insists), made
 * here from a new account, so the worker's first admin, who has none, stays usable by other tests.
 */
export async function newAdminWithTwoFactor(options: { page: Page; browser: Browser; testInfo: TestInfo; server: AdminServer; l: Labels; al: AdminLabels }) {
  const { page, browser, testInfo, server, l, al } = options;
  const adminPage = await newPersonPage(browser, testInfo, server.baseURL);
  const colleague = await signUp(adminPage, l);
  await logIn(page, l, server.admin);
  await openUserPage(page, al, colleague.email);
  await section(page, al.roleHeading).getByRole("button", { name: al.makeAdmin }).click();
  await expect(page.getByRole("status").filter({ hasText: al.roleGranted })).toBeVisible();

  // Without 2FA of their own, an admin cannot require it.
  await setPolicy(page, al, { requirement: "requirementEveryone", graceDays: 0 });
  await expect(page.locator("form").getByRole("alert")).toHaveText(al.ownTwoFactorFirst);
  await logOut(page, l);

  await enableTwoFactor(adminPage, l);
  return adminPage;
}

/** Puts the policy back to off whatever happened, so the worker's other tests are not blocked. */
export async function turnPolicyOff(adminPage: Page, al: AdminLabels) {
  await setPolicy(adminPage, al, { requirement: "requirementOff", graceDays: 7 });
  await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
  await expect(adminPage.getByTestId("policy-summary")).toHaveText(al.policyOff);
  await adminPage.context().close();
}
