import { logIn, signUpWithBackupCodes } from "../support/flows";
import { newPersonPage, openUserPage, section, userFact } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

test("an admin resets the 2FA of a user who lost phone and codes: with a reason, logged out, told, and recorded", async ({
  page,
  browser,
  adminServer,
}, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const { user } = await signUpWithBackupCodes(userPage, l);

  await logIn(page, l, adminServer.admin);
  await openUserPage(page, al, user.email);
  await expect(userFact(page, al.twoFactorColumn)).toHaveText(al.on);
  const reset = section(page, al.resetTwoFactor);
  await reset.getByRole("button", { name: al.resetTwoFactor }).click();
  await expect(reset.getByRole("alert")).toHaveText(al.reasonRequired);
  await expect(reset.getByRole("textbox", { name: al.reason })).toHaveAttribute("aria-invalid", "true");
  await reset.getByRole("textbox", { name: al.reason }).fill("Lost phone and backup codes; identity checked in person");
  await reset.getByRole("button", { name: al.resetTwoFactor }).click();
  await expect(page.getByRole("status").filter({ hasText: al.resetDone })).toBeVisible();
  await expect(userFact(page, al.twoFactorColumn)).toHaveText(al.off);

  // The user's browser was logged out; the mail went out (logged: this server has no SMTP).
  await userPage.goto("/settings");
  await expect(userPage).toHaveURL(/\/login/);
  // In the user's language alone: the one they signed up in (issue 15).
  const resetSubject = l.logIn === "ログイン" ? "管理者により2要素認証がリセットされました" : "Two-factor authentication was reset by an administrator";
  expect(adminServer.serverLog()).toContain(`to=${user.email} subject="[Nidan] ${resetSubject}"`);

  // The password alone now signs in, and the user's own activity shows what happened.
  await logIn(userPage, l, user);
  await expect(userPage.getByRole("cell", { name: al.resetEvent })).toBeVisible();
  await userPage.context().close();

  await page.goto(`/admin/audit?target=${encodeURIComponent(user.email)}`);
  const entry = page.getByTestId("audit-table").getByRole("row").filter({ hasText: al.actions.two_factor_reset });
  await expect(entry).toContainText(adminServer.admin.email);
  await expect(entry).toContainText("Lost phone and backup codes; identity checked in person");
});
