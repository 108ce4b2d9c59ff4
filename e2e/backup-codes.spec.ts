import { expect, type Page, test } from "@playwright/test";
import {
  disableTwoFactor,
  downloadBackupCodes,
  enableTwoFactor,
  formAlert,
  fullWidth,
  logInWithBackupCode,
  logOut,
  openTwoFactorSettings,
  passPasswordStep,
  signUp,
  signUpWithBackupCodes,
  submitBackupCode,
  withHyphen,
  withSpace,
} from "./support/flows";
import { labels, labelsFor, type Labels } from "./support/labels";

// Help page: 「2要素認証のバックアップ」「バックアップコードについて」「バックアップコードの更新について」
// 「バックアップコードを使用してログインする」.

/** On the code step: a backup code that must be refused, leaving the user on the backup-code page. */
async function expectBackupCodeRefused(page: Page, l: Labels, typed: string) {
  // A fresh page, so the alert shows this answer and not the same words left from the last one.
  await page.goto("/login/backup-code");
  await submitBackupCode(page, l, typed);
  await expect(formAlert(page)).toHaveText(l.invalidBackupCode);
  await expect(page).toHaveURL(/\/login\/backup-code$/);
}

test("right after enabling, the screen asks to save backup codes now and shows the help page's cautions", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  await enableTwoFactor(page, l);
  await expect(page.getByText(l.saveCodesNow)).toBeVisible();
  await expect(page.getByText(l.noCodesYet)).toBeVisible();
  await expect(page.getByRole("button", { name: l.downloadBackupCodes })).toBeVisible();
  for (const caution of l.cautions) await expect(page.getByText(caution)).toBeVisible();
});

test("Download backup codes saves nidan-backup-codes.txt with 10 distinct 8-digit codes, shown on screen once", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);
  const { codes, fileName, text } = await downloadBackupCodes(page, l);

  expect(fileName).toBe("nidan-backup-codes.txt");
  const lines = text.split("\n");
  const firstCodeLine = lines.findIndex((line) => /^\d{8}$/.test(line));
  const header = lines.slice(0, firstCodeLine).join("\n");
  expect(header).toContain("Nidan");
  expect(header).toContain(user.email);
  // In the page's language alone, with the screen's words (issue 15).
  expect(header).toContain(l.fileOnce);
  expect(header).toContain(l.fileOrder);
  expect(header).not.toMatch(l === labels.ja ? /\b(?:codes?|works|Account)\b/ : /[\u3040-\u30ff\u4e00-\u9fff]/u);
  expect(lines[firstCodeLine - 1], "a blank line between the header and the codes").toBe("");
  expect(lines.slice(firstCodeLine).filter((line) => line !== "")).toEqual(codes);
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);

  // Numbered 1–10 in the file's order (issue 15): code N is the Nth line after the header.
  const onScreen = page.getByTestId("backup-codes").getByRole("listitem");
  await expect(onScreen).toHaveText(codes.map((code, index) => `${index + 1}. ${withSpace(code)}`));
  await expect(page.getByText(l.codesShownOnce)).toBeVisible();
  await expect(page.getByRole("button", { name: l.print })).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: l.copy }).click();
  await expect(page.getByRole("button", { name: l.copied })).toBeVisible();
  expect((await page.evaluate(() => navigator.clipboard.readText())).split("\n")).toEqual(codes);
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await expect(page.getByText(l.saveCodesNow)).toHaveCount(0);

  await page.reload();
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await expect(page.getByTestId("backup-codes")).toHaveCount(0);
  for (const code of codes) await expect(page.getByText(withSpace(code))).toHaveCount(0);
});

test("a backup code logs in once, typed as shown, with a hyphen or in full-width digits, and the count drops", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await page.getByRole("link", { name: l.logInWithBackupCode }).click();
  await expect(page).toHaveURL(/\/login\/backup-code$/);
  await expect(page.getByText(l.backupCodeStepIntro)).toBeVisible();
  await submitBackupCode(page, l, withSpace(codes[0]));
  await expect(page).toHaveURL(/\/settings$/);
  await logOut(page, l);

  await logInWithBackupCode(page, l, user, withHyphen(codes[1]));
  await logOut(page, l);
  await logInWithBackupCode(page, l, user, fullWidth(codes[2]));
  await logOut(page, l);

  // 「このとき利用したバックアップコードは、次回以降のログインでは利用できません。」
  await passPasswordStep(page, l, user);
  for (const used of codes.slice(0, 3)) await expectBackupCodeRefused(page, l, used);
  await submitBackupCode(page, l, codes[3]);
  await expect(page).toHaveURL(/\/settings$/);

  await openTwoFactorSettings(page, l);
  await expect(page.getByText(l.remaining(6))).toBeVisible();
  await expect(page.getByText(l.lowWarning(6))).toHaveCount(0);
  // 「「未使用」のコードがどれであるかを区別できるように」: the numbers used, in order, with their times.
  const used = page.getByTestId("used-backup-codes").getByRole("listitem");
  await expect(used).toHaveCount(4);
  for (const number of [1, 2, 3, 4]) await expect(used.nth(number - 1)).toHaveText(l.usedCode(number));
});

test("the settings name which numbered codes were used, not the order they were used in", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await expect(page.getByTestId("used-backup-codes")).toBeVisible();
  await expect(page.getByTestId("used-backup-codes").getByRole("listitem")).toHaveCount(0);
  await logOut(page, l);
  await logInWithBackupCode(page, l, user, codes[6]);
  await logOut(page, l);
  await logInWithBackupCode(page, l, user, codes[1]);
  await openTwoFactorSettings(page, l);
  const used = page.getByTestId("used-backup-codes").getByRole("listitem");
  await expect(used).toHaveCount(2);
  await expect(used.nth(0)).toHaveText(l.usedCode(2));
  await expect(used.nth(1)).toHaveText(l.usedCode(7));
});

test("after 7 codes are used, 3 are left and the screen asks for a new download", async ({ page }, testInfo) => {
  // Seven full logins, each with two slow argon2 hashes (password, backup code): more than
  // the default budget on a loaded machine.
  test.slow();
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);
  for (const [index, code] of codes.slice(0, 6).entries()) {
    await logInWithBackupCode(page, l, user, code);
    if (index === 5) {
      // One above the threshold: no warning yet.
      await page.goto("/settings/two-factor");
      await expect(page.getByText(l.remaining(4))).toBeVisible();
      await expect(page.getByText(l.lowWarning(4))).toHaveCount(0);
    }
    await logOut(page, l);
  }
  await logInWithBackupCode(page, l, user, codes[6]);
  await openTwoFactorSettings(page, l);
  await expect(page.getByText(l.remaining(3))).toBeVisible();
  await expect(page.getByText(l.lowWarning(3))).toBeVisible();

  // A new download ends the warning.
  await downloadBackupCodes(page, l);
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await expect(page.getByText(l.lowWarning(3))).toHaveCount(0);
});

test("a new download makes every earlier code invalid, used or not", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes: firstSet } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);
  await logInWithBackupCode(page, l, user, firstSet[0]);
  await openTwoFactorSettings(page, l);
  const { codes: secondSet } = await downloadBackupCodes(page, l);
  expect(secondSet.filter((code) => firstSet.includes(code))).toEqual([]);
  await expect(page.getByText(l.remaining(10))).toBeVisible();
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await expectBackupCodeRefused(page, l, firstSet[1]);
  await expectBackupCodeRefused(page, l, firstSet[0]);
  await submitBackupCode(page, l, secondSet[0]);
  await expect(page).toHaveURL(/\/settings$/);
});

test("turning two-factor authentication off and on again makes earlier codes invalid", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await disableTwoFactor(page, l);
  await enableTwoFactor(page, l);
  // A new setup starts without codes and offers the first download again.
  await expect(page.getByText(l.saveCodesNow)).toBeVisible();
  await expect(page.getByText(l.noCodesYet)).toBeVisible();
  await logOut(page, l);

  await passPasswordStep(page, l, user);
  await expectBackupCodeRefused(page, l, codes[0]);
  await expectBackupCodeRefused(page, l, codes[9]);
});

test("a backup code typed into the security code field is named as one, with the way to the backup-code page", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const { user, codes } = await signUpWithBackupCodes(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(withSpace(codes[0]));
  await page.getByRole("button", { name: l.logIn }).click();
  // Not only "the code has 6 digits": what it looks like, and where it is taken.
  await expect(formAlert(page)).toHaveText(`${l.looksLikeBackupCode} ${l.backupCodePageLink}`);
  await formAlert(page).getByRole("link", { name: l.backupCodePageLink }).click();
  await expect(page).toHaveURL(/\/login\/backup-code$/);
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
});
