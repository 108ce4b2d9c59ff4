import { enableTwoFactor, logIn, logOut, signUp } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { lockByWrongCodes, newPersonPage, openUserPage, section, userFact } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

test("an admin sees an account locked by wrong codes and unlocks it, and the right code works again", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const user = await signUp(userPage, l);
  const key = await enableTwoFactor(userPage, l);
  await logOut(userPage, l);
  await lockByWrongCodes(userPage, l, al, user, key);

  await logIn(page, l, adminServer.admin);
  await page.goto("/admin");
  const lockout = page.getByTestId("recent-lockouts").getByRole("row").filter({ hasText: user.email });
  await expect(lockout.getByRole("cell").last()).toHaveText(al.yes);
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await expect(page.getByRole("row").filter({ hasText: user.email }).getByRole("cell").last()).toHaveText(al.locked);

  await openUserPage(page, al, user.email);
  await section(page, al.lockHeading).getByRole("button", { name: al.unlock }).click();
  await expect(page.getByRole("status").filter({ hasText: al.unlocked })).toBeVisible();
  await expect(userFact(page, al.lockColumn)).toHaveText(al.notLocked);

  // Still on the code step (the pending login lasts 5 minutes): the right code now signs in.
  await userPage.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await userPage.getByRole("button", { name: l.logIn }).click();
  await expect(userPage).toHaveURL(/\/settings$/);
  await userPage.context().close();

  await page.goto(`/admin/audit?target=${encodeURIComponent(user.email)}`);
  await expect(page.getByTestId("audit-table").getByRole("row").filter({ hasText: al.actions.account_unlocked })).toContainText(adminServer.admin.email);
});
