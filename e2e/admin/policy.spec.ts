import { randomUUID } from "node:crypto";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { enableTwoFactor, logIn, logOut, readKeyFromScreen, signUp, submitPassword, type TestUser } from "../support/flows";
import type { Labels } from "../support/labels";
import { totpCodeFor } from "../support/totp";
import { newPersonPage, openUserPage, section } from "./support/admin-flows";
import { type AdminLabels, labelsForAdmin } from "./support/admin-labels";
import { type AdminServer, expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

type Requirement = "requirementOff" | "requirementAdmins" | "requirementEveryone";

async function setPolicy(page: Page, al: AdminLabels, options: { requirement: Requirement; graceDays: number }) {
  await page.goto("/admin/policy");
  await page.getByRole("radio", { name: al[options.requirement], exact: true }).check();
  await page.getByRole("spinbutton", { name: al.graceDays }).fill(String(options.graceDays));
  await page.getByRole("button", { name: al.save }).click();
}

/**
 * The policy is set by an admin who has two-factor authentication on (the app insists), made
 * here from a new account, so the worker's first admin, who has none, stays usable by other tests.
 */
async function newAdminWithTwoFactor(options: { page: Page; browser: Browser; testInfo: TestInfo; server: AdminServer; l: Labels; al: AdminLabels }) {
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
async function turnPolicyOff(adminPage: Page, al: AdminLabels) {
  await setPolicy(adminPage, al, { requirement: "requirementOff", graceDays: 7 });
  await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
  await expect(adminPage.getByTestId("policy-summary")).toHaveText(al.policyOff);
  await adminPage.context().close();
}

test("after the grace period a user is taken from sign-in straight to setup and can reach nothing else until it is on", async ({
  page,
  browser,
  adminServer,
}, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const user: TestUser = await signUp(userPage, l);
  await logOut(userPage, l);
  const adminPage = await newAdminWithTwoFactor({ page, browser, testInfo, server: adminServer, l, al });
  try {
    await setPolicy(adminPage, al, { requirement: "requirementEveryone", graceDays: 0 });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();

    await submitPassword(userPage, l, user);
    await expect(userPage).toHaveURL(/\/settings\/two-factor$/);
    await expect(userPage.getByTestId("two-factor-policy-banner")).toHaveText(al.requiredBanner);
    await expect(userPage.getByRole("heading", { name: l.setupTitle })).toBeVisible();
    for (const elsewhere of ["/settings", "/admin", "/admin/users", "/"]) {
      await userPage.goto(elsewhere);
      await expect(userPage, `${elsewhere} leads to setup`).toHaveURL(/\/settings\/two-factor$/);
    }

    const key = await readKeyFromScreen(userPage, l);
    await userPage.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key }));
    await userPage.getByRole("button", { name: l.verify }).click();
    await expect(userPage.getByText(l.enabledNotice)).toBeVisible();
    await expect(userPage.getByTestId("two-factor-policy-banner")).toHaveCount(0);
    await userPage.goto("/settings");
    await expect(userPage).toHaveURL(/\/settings$/);

    // Someone signing up now gets the same: the grace period (0 days) counts from their sign-up.
    const newcomerPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
    await newcomerPage.goto("/signup");
    await newcomerPage.getByRole("textbox", { name: l.emailAddress }).fill(`newcomer-${randomUUID()}@example.test`);
    await newcomerPage.getByRole("textbox", { name: l.password }).fill(`pw-${randomUUID()}`);
    await newcomerPage.getByRole("button", { name: l.createAccount }).click();
    await expect(newcomerPage).toHaveURL(/\/settings\/two-factor$/);
    await expect(newcomerPage.getByTestId("two-factor-policy-banner")).toHaveText(al.requiredBanner);
    await newcomerPage.context().close();
  } finally {
    await turnPolicyOff(adminPage, al);
  }
  await userPage.context().close();
});

test("during the grace period a banner counts down the days and links to setup", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  await signUp(userPage, l);
  const adminPage = await newAdminWithTwoFactor({ page, browser, testInfo, server: adminServer, l, al });
  try {
    await setPolicy(adminPage, al, { requirement: "requirementEveryone", graceDays: 7 });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();

    await userPage.goto("/settings");
    await expect(userPage).toHaveURL(/\/settings$/);
    await expect(userPage.getByTestId("two-factor-policy-banner")).toContainText(al.graceBanner(7));
    await userPage.getByRole("link", { name: al.setUpNow }).click();
    await expect(userPage).toHaveURL(/\/settings\/two-factor$/);

    // "Admins only" leaves users alone.
    await setPolicy(adminPage, al, { requirement: "requirementAdmins", graceDays: 7 });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
    await userPage.goto("/settings");
    await expect(userPage.getByTestId("two-factor-policy-banner")).toHaveCount(0);
  } finally {
    await turnPolicyOff(adminPage, al);
  }
  await userPage.context().close();
});
