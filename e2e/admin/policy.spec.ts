import { randomUUID } from "node:crypto";
import { logOut, readKeyFromScreen, signUp, submitPassword, type TestUser } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { newAdminWithTwoFactor, newPersonPage, setPolicy, turnPolicyOff } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

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
