import { logIn, logOut, signUp } from "../support/flows";
import { newPersonPage, openAdministration, openUserPage, section, userFact } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

test("an admin makes a user an admin and takes it back; the menu and the admin pages follow", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const colleaguePage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const colleague = await signUp(colleaguePage, l);
  await colleaguePage.getByRole("button", { name: l.mainMenu }).click();
  await expect(colleaguePage.getByRole("link", { name: al.administration })).toHaveCount(0);

  await logIn(page, l, adminServer.admin);
  await openAdministration(page, l, al);
  await openUserPage(page, al, colleague.email);
  await expect(userFact(page, al.role)).toHaveText(al.user);
  await section(page, al.roleHeading).getByRole("button", { name: al.makeAdmin }).click();
  await expect(page.getByRole("status").filter({ hasText: al.roleGranted })).toBeVisible();
  await expect(userFact(page, al.role)).toHaveText(al.admin);

  await colleaguePage.goto("/settings");
  await openAdministration(colleaguePage, l, al);
  await expect(colleaguePage.getByRole("heading", { level: 1, name: al.administration })).toBeVisible();

  await section(page, al.roleHeading).getByRole("button", { name: al.removeAdmin }).click();
  await expect(page.getByRole("status").filter({ hasText: al.roleRevoked })).toBeVisible();
  await colleaguePage.goto("/admin/users");
  await expect(colleaguePage.getByRole("heading", { name: al.notFound })).toBeVisible();
  await colleaguePage.goto("/settings");
  await colleaguePage.getByRole("button", { name: l.mainMenu }).click();
  await expect(colleaguePage.getByRole("link", { name: al.administration })).toHaveCount(0);
  await colleaguePage.context().close();
});

test("the last admin cannot remove their own admin role", async ({ page, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  await logIn(page, l, adminServer.admin);
  // Other tests of this worker may have left admins behind: remove them first.
  await page.goto("/admin/users?role=admin");
  const otherAdmins = await page
    .getByRole("rowheader")
    .getByRole("link")
    .evaluateAll((links, own) => links.map((link) => link.textContent ?? "").filter((email) => email !== own), adminServer.admin.email);
  for (const email of otherAdmins) {
    await openUserPage(page, al, email);
    await section(page, al.roleHeading).getByRole("button", { name: al.removeAdmin }).click();
    await expect(page.getByRole("status").filter({ hasText: al.roleRevoked })).toBeVisible();
  }

  await openUserPage(page, al, adminServer.admin.email);
  await section(page, al.roleHeading).getByRole("button", { name: al.removeAdmin }).click();
  await expect(section(page, al.roleHeading).getByRole("alert")).toHaveText(al.lastAdmin);
  await page.reload();
  await expect(userFact(page, al.role)).toHaveText(al.admin);
  await logOut(page, l);
});
