import { expect, test } from "@playwright/test";
import { accountChangeLabels } from "../support/account-change-labels";
import { confirmationPathFromLog } from "../support/account-change-flows";
import { newTestUser } from "../support/flows";
import { tabTo, typeInto } from "../support/keyboard";
import { labelsFor } from "../support/labels";

// Issue 16 §2 and §3 with Tab, Enter and Space alone (keyboard-en / keyboard-ja); the link is read
// from the shared server's log, which has no SMTP_URL.
test("change the password and the email address by keyboard", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const a = testInfo.project.use.locale?.startsWith("ja") ? accountChangeLabels.ja : accountChangeLabels.en;
  const user = newTestUser();

  await page.goto("/signup");
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);

  await tabTo(page, page.getByRole("link", { name: a.changePassword }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/password$/);
  const next = `${user.password}-next`;
  await typeInto(page, page.getByRole("textbox", { name: a.currentPassword }), user.password);
  await typeInto(page, page.getByRole("textbox", { name: a.newPassword }), next);
  await tabTo(page, page.getByRole("button", { name: a.changePassword }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: a.passwordChanged })).toBeVisible();

  await tabTo(page, page.getByRole("link", { name: a.changeEmail }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/email$/);
  const email = `new-${crypto.randomUUID()}@example.test`;
  await typeInto(page, page.getByRole("textbox", { name: a.newEmail }), email);
  await typeInto(page, page.getByRole("textbox", { name: a.currentPassword }), next);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: a.linkSent })).toBeVisible();

  await page.goto(await confirmationPathFromLog(email));
  await tabTo(page, page.getByRole("button", { name: a.confirmEmail }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(a.emailChanged);
});
