import { expect, test } from "@playwright/test";
import {
  enableTwoFactor,
  formAlert,
  logIn,
  logOut,
  openTwoFactorSettings,
  passPasswordStep,
  signUpWithBackupCodes,
  submitBackupCode,
  twoFactorStatus,
} from "./support/flows";
import { ageSessionsOf } from "./support/app-database";
import { expectCentred, expectOnTop } from "./support/layout";
import { labelsFor } from "./support/labels";

// Help page: 「2要素認証を解除する」.

test("Disable and OK turn two-factor authentication off; then email address and password alone log in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);

  // 「メインメニュー」→「個人設定」→「2要素認証を設定する」→「解除する」→ 確認画面 →「OK」
  await openTwoFactorSettings(page, l);
  await page.getByRole("button", { name: l.disable }).click();
  const confirmation = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await expect(confirmation).toBeVisible();
  await confirmation.getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();
  await page.goto("/settings");
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();

  // 「2要素認証解除以後は、通常のログイン操作のみでログインできます。」
  await logOut(page, l);
  await logIn(page, l, user);

  // 「それまで保管していた最新のバックアップコードもすべて無効となります」: even once it is on again.
  await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await submitBackupCode(page, l, codes[0]);
  await expect(formAlert(page)).toHaveText(l.invalidBackupCode);
  await expect(page).toHaveURL(/\/login\/backup-code$/);
});

test("Cancel in the confirmation keeps two-factor authentication on", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await openTwoFactorSettings(page, l);
  await page.getByRole("button", { name: l.disable }).click();
  const confirmation = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await confirmation.getByRole("button", { name: l.cancel }).click();
  await expect(confirmation).toBeHidden();
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();

  await page.reload();
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await logOut(page, l);
  // Still two steps, and the backup codes still work.
  await passPasswordStep(page, l, user);
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
});

test("the confirmation opens in the middle of the screen, and after 10 minutes a wrong password is answered inside it", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await page.getByRole("button", { name: l.disable }).click();
  await expect(dialog).toBeVisible();
  await expectCentred(page, dialog, "the confirmation");
  await dialog.getByRole("button", { name: l.cancel }).click();

  await ageSessionsOf(user.email);
  await page.reload();
  // Why the password is asked for: one sentence, once on the screen, not under each field.
  await expect(page.getByText(l.reauthenticationNotice)).toHaveCount(1);
  await expect(page.getByText(l.reauthenticationNotice)).toBeVisible();

  await page.getByRole("button", { name: l.disable }).click();
  await expectCentred(page, dialog, "the confirmation asking for the password");
  const password = dialog.getByLabel(l.password, { exact: true });
  await password.fill(`${user.password}-wrong`);
  await dialog.getByRole("textbox", { name: l.reauthenticationCode }).fill(codes[0]);
  await dialog.getByRole("button", { name: l.ok }).click();

  const alert = dialog.getByRole("alert");
  await expect(alert).toHaveText(l.wrongPasswordOrCode);
  await expect(dialog).toBeVisible();
  await expectOnTop(alert, "the refusal");
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveValue("");

  // Then the right password turns it off, from the same dialog.
  await password.fill(user.password);
  await dialog.getByRole("textbox", { name: l.reauthenticationCode }).fill(codes[1]);
  await dialog.getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
  await expect(twoFactorStatus(page, l, "disabled")).toBeVisible();
});
