import { logIn, signUp } from "../support/flows";
import { newPersonPage, openUserPage, section } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

test("the audit log lists every admin action, read-only, filtered by action, admin and user", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const user = await signUp(userPage, l);
  await userPage.context().close();

  await logIn(page, l, adminServer.admin);
  await openUserPage(page, al, user.email);
  await section(page, al.roleHeading).getByRole("button", { name: al.makeAdmin }).click();
  await expect(page.getByRole("status").filter({ hasText: al.roleGranted })).toBeVisible();
  await section(page, al.roleHeading).getByRole("button", { name: al.removeAdmin }).click();
  await expect(page.getByRole("status").filter({ hasText: al.roleRevoked })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: al.auditLog, exact: true }).click();
  const filters = page.getByRole("search", { name: al.filtersLabel });
  await filters.getByRole("searchbox", { name: al.targetEmail }).fill(user.email);
  await filters.getByRole("button", { name: al.filter }).click();
  await expect(page.getByTestId("audit-count")).toHaveText(al.entryCount(2));
  const rows = page.getByTestId("audit-table").locator("tbody").getByRole("row");
  await expect(rows.nth(0)).toContainText(al.actions.role_revoked);
  await expect(rows.nth(1)).toContainText(al.actions.role_granted);
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await expect(row).toContainText(adminServer.admin.email);
    await expect(row).toContainText(user.email);
  }

  await filters.getByRole("combobox", { name: al.action }).selectOption({ label: al.actions.role_granted });
  await filters.getByRole("button", { name: al.filter }).click();
  await expect(page.getByTestId("audit-count")).toHaveText(al.entryCount(1));
  await filters.getByRole("searchbox", { name: al.adminEmail }).fill("someone-else@");
  await filters.getByRole("button", { name: al.filter }).click();
  await expect(page.getByTestId("audit-count")).toHaveText(al.entryCount(0));

  // Read-only: the only form on the page is the filter, which changes nothing (GET).
  await expect(page.locator("main form")).toHaveCount(1);
  await expect(page.locator("main form")).toHaveAttribute("method", "get");
});
