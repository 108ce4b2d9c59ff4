import { expect, type Page, test } from "@playwright/test";
import { accountChangeLabels } from "../support/account-change-labels";
import { signUp } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 16: the account-change screens on a 375×667 phone (phone-en / phone-ja): nothing
// overflows sideways, and each form's button is there.

async function expectNoSidewaysOverflow(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("the password, address and confirmation screens fit a 375-pixel phone", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const a = testInfo.project.use.locale?.startsWith("ja") ? accountChangeLabels.ja : accountChangeLabels.en;
  await signUp(page, l);
  await expectNoSidewaysOverflow(page, "/settings");
  await page.goto("/settings/password");
  await expectNoSidewaysOverflow(page, "/settings/password");
  await expect(page.getByRole("button", { name: a.changePassword })).toBeVisible();
  await page.goto("/settings/email");
  await expectNoSidewaysOverflow(page, "/settings/email");
  await expect(page.getByRole("button", { name: a.sendConfirmationLink })).toBeVisible();
  await page.goto(`/email/confirm?token=${"A".repeat(43)}`);
  await expectNoSidewaysOverflow(page, "/email/confirm");
  await expect(page.getByText(a.invalidLink)).toBeVisible();
});
