import { expect, test } from "@playwright/test";
import { signUp } from "../support/flows";
import { tabTo, typeInto } from "../support/keyboard";
import { labelsFor } from "../support/labels";
import { resetPathFromLocalMail } from "../support/password-reset";

// Issue 16 §1 with Tab, Enter and Space alone (keyboard-en / keyboard-ja): "Forgot your
// password?" from the log-in page, the link from the mail the shared server keeps in DATA_DIR/mail
// (it has no SMTP_URL), a new password shown with "Show password", and the log-in with it.
test("reset a forgotten password by keyboard", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await page.context().clearCookies();

  await page.goto("/login");
  await tabTo(page, page.getByRole("link", { name: l.forgotPassword }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: l.resetLinkSent })).toBeVisible();

  await page.goto(await resetPathFromLocalMail(user.email));
  const newPassword = `${user.password}-renewed`;
  const field = page.getByRole("textbox", { name: l.newPassword });
  await typeInto(page, field, newPassword);
  // "Show password" by Space: the field shows what was typed.
  await tabTo(page, page.getByRole("checkbox", { name: l.showPassword }));
  await page.keyboard.press("Space");
  await expect(field).toHaveAttribute("type", "text");
  await expect(field).toHaveValue(newPassword);
  await tabTo(page, page.getByRole("button", { name: l.setNewPassword }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\?passwordReset=1$/);

  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), newPassword);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);
});
