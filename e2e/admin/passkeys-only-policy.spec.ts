import { logOut, submitPassword } from "../support/flows";
import { addVirtualAuthenticator, onLocalhost } from "../support/passkeys";
import { newAdminWithTwoFactor, setPolicy, turnPolicyOff } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Issue 17: "Passkeys only for admins" (GitHub's "secure methods only"). Passkeys need a domain,
// never an IP address, as relying party: every browser here goes to the server as localhost.
test.use({ baseURL: async ({ adminServer }, provide) => provide(onLocalhost(adminServer.baseURL)) });
test.describe.configure({ timeout: 180_000 });

test("passkeys only for admins: the admin setting it needs a passkey, and another admin must add one at their next sign-in", async ({
  page,
  browser,
  adminServer,
}, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const server = { ...adminServer, baseURL: onLocalhost(adminServer.baseURL) };
  const adminPage = await newAdminWithTwoFactor({ page, browser, testInfo, server, l, al });
  try {
    // An authenticator app is not enough to set it: the admin would lock themselves out.
    await setPolicy(adminPage, al, { requirement: "requirementOff", graceDays: 7, passkeysOnly: true });
    await expect(adminPage.locator("form").getByRole("alert")).toHaveText(al.ownPasskeyFirst);
    await addVirtualAuthenticator(adminPage);
    await adminPage.goto("/settings/two-factor");
    await adminPage.getByRole("button", { name: l.addPasskey }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: l.passkeyAdded })).toBeVisible();
    await setPolicy(adminPage, al, { requirement: "requirementOff", graceDays: 7, passkeysOnly: true });
    await expect(adminPage.getByRole("status").filter({ hasText: al.policySaved })).toBeVisible();
    await expect(adminPage.getByRole("checkbox", { name: al.passkeysOnly })).toBeChecked();

    // The worker's first admin has no passkey: from the password straight to the two-factor screen.
    await submitPassword(page, l, adminServer.admin);
    await expect(page).toHaveURL(/\/settings\/two-factor$/);
    await expect(page.getByTestId("two-factor-policy-banner")).toHaveText(al.passkeyRequiredBanner);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/settings\/two-factor$/);

    await addVirtualAuthenticator(page);
    await page.getByRole("button", { name: l.addPasskey }).click();
    await expect(page.getByRole("status").filter({ hasText: l.passkeyAdded })).toBeVisible();
    await expect(page.getByTestId("two-factor-policy-banner")).toHaveCount(0);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin$/);
  } finally {
    await turnPolicyOff(adminPage, al);
  }
  // The worker's admin goes back to no second factor, as the other admin tests expect it.
  await page.goto("/settings/two-factor");
  await page.getByTestId("passkeys").getByRole("button", { name: l.remove }).click();
  await page.getByRole("alertdialog", { name: l.confirmDisableTitle }).getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
  await logOut(page, l);
});
