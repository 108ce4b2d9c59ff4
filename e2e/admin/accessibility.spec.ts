import { logIn, logOut, signUp, submitPassword } from "../support/flows";
import { expectNoViolations } from "../support/axe";
import { newAdminWithTwoFactor, newPersonPage, openUserPage, setPolicy, turnPolicyOff } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Issue 7.1 for the admin screens (issue 6): no WCAG 2.2 A/AA violations in light and dark,
// in both languages, and none on what the two-factor policy shows users (the countdown
// banner, the forced setup screen).
test.describe.configure({ timeout: 300_000 });

test("the admin screens, the policy banner and the forced setup screen have no violations", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  await logIn(page, l, adminServer.admin);
  for (const path of ["/admin", "/admin/users", "/admin/policy", "/admin/audit"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  await openUserPage(page, al, adminServer.admin.email);
  await expectNoViolations(page, "/admin/users/<id>");
  await logOut(page, l);

  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const user = await signUp(userPage, l);
  await logOut(userPage, l);
  const adminPage = await newAdminWithTwoFactor({ page, browser, testInfo, server: adminServer, l, al });
  try {
    await setPolicy(adminPage, al, { requirement: "requirementEveryone", graceDays: 7 });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
    await submitPassword(userPage, l, user);
    await expect(userPage.getByTestId("two-factor-policy-banner")).toBeVisible();
    await expectNoViolations(userPage, "/settings with the countdown banner");

    await setPolicy(adminPage, al, { requirement: "requirementEveryone", graceDays: 0 });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
    await userPage.goto("/settings");
    await expect(userPage).toHaveURL(/\/settings\/two-factor$/);
    await expectNoViolations(userPage, "forced setup");
  } finally {
    await turnPolicyOff(adminPage, al);
  }
});
