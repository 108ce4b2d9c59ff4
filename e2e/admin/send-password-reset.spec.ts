import { logIn, signUp } from "../support/flows";
import { newPersonPage, openUserPage, section } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Issue 16 §5: an admin sends a user a reset link, with a reason kept in the audit log; the link
// goes by mail to the user, never to the admin's screen. This server has no SMTP: the mail is
// logged by its subject and kept in DATA_DIR/mail (local use), and the link is never logged.

test.describe.configure({ timeout: 180_000 });

const sendResetLink = "Send reset link";
const sentNotice = "A reset link was sent to the user's address. It works for 30 minutes; with two-factor authentication on, it also asks for a code.";
const passwordSection = "Password";

test("an admin sends a reset link with a reason: mailed to the user, recorded, never shown", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const user = await signUp(userPage, l);

  await logIn(page, l, adminServer.admin);
  await openUserPage(page, al, user.email);
  const reset = section(page, passwordSection);
  await reset.getByRole("button", { name: sendResetLink }).click();
  await expect(reset.getByRole("alert")).toHaveText(al.reasonRequired);
  await reset.getByRole("textbox", { name: al.reason }).fill("Asked by phone; identity checked by a call back");
  await reset.getByRole("button", { name: sendResetLink }).click();
  await expect(page.getByRole("status").filter({ hasText: sentNotice })).toBeVisible();
  expect(await page.content()).not.toMatch(/token=/);

  await expect
    .poll(() => adminServer.serverLog())
    .toContain(`to=${user.email} subject="[Nidan] パスワードの再設定 / Reset your password" (the link is not logged; it is in `);
  expect(adminServer.serverLog()).not.toMatch(/password\/reset\?token=/);

  await page.goto(`/admin/audit?target=${encodeURIComponent(user.email)}`);
  const entry = page.getByTestId("audit-table").getByRole("row").filter({ hasText: "Password reset link sent" });
  await expect(entry).toContainText(adminServer.admin.email);
  await expect(entry).toContainText("Asked by phone; identity checked by a call back");

  // An admin's own page offers no link: their own password goes through "Forgot your password?".
  await openUserPage(page, al, adminServer.admin.email);
  await expect(section(page, passwordSection)).toContainText("Forgot your password?");
  await expect(section(page, passwordSection).getByRole("button", { name: sendResetLink })).toHaveCount(0);
  await userPage.context().close();
});
