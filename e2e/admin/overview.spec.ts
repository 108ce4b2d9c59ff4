import type { Page } from "@playwright/test";
import { enableTwoFactor, logIn, logInWithBackupCode, logInWithSecurityCode, logOut, signUp, signUpWithBackupCodes } from "../support/flows";
import { newPersonPage } from "./support/admin-flows";
import { type AdminLabels, labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

/** The overview's numbers, and today's row of the sign-ins table (UTC, as the chart counts). */
async function readOverview(page: Page, al: AdminLabels) {
  await page.goto("/admin");
  const twoFactor = al.parseOfUsers(await page.getByTestId("stat-two-factor").locator("dd").innerText());
  const lowCodes = Number(await page.getByTestId("stat-low-codes").locator("dd").innerText());
  await page.getByText(al.showTable).click();
  const today = new Date().toISOString().slice(0, 10);
  const cells = page.getByTestId("sign-ins-table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: today }) }).getByRole("cell");
  const [password, totp, backupCode] = (await cells.allInnerTexts()).map(Number);
  return { users: twoFactor.total, twoFactor: twoFactor.count, lowCodes, signIns: { password, totp, backupCode } };
}

test("the overview counts 2FA, users low on backup codes, and today's logins by method", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  await logIn(page, l, adminServer.admin);
  const before = await readOverview(page, al);
  await expect(page.getByRole("figure", { name: al.signInsChart })).toBeVisible();

  const firstPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const { user, key, codes } = await signUpWithBackupCodes(firstPage, l);
  await logOut(firstPage, l);
  await logInWithBackupCode(firstPage, l, user, codes[0]);
  await logOut(firstPage, l);
  await logInWithSecurityCode(firstPage, l, user, key);
  await firstPage.context().close();
  // Two-factor authentication on, no backup codes downloaded: 0 left, so low.
  const secondPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  await signUp(secondPage, l);
  await enableTwoFactor(secondPage, l);
  await secondPage.context().close();

  const after = await readOverview(page, al);
  expect(after).toEqual({
    users: before.users + 2,
    twoFactor: before.twoFactor + 2,
    lowCodes: before.lowCodes + 1,
    signIns: { password: before.signIns.password + 2, totp: before.signIns.totp + 1, backupCode: before.signIns.backupCode + 1 },
  });
  await expect(page.getByRole("img", { name: al.signInsChart })).toBeVisible();
});
