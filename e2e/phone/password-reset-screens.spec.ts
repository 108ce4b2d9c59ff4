import { expect, type Page, test } from "@playwright/test";
import { signUp } from "../support/flows";
import { labelsFor } from "../support/labels";
import { resetPathFromLocalMail } from "../support/password-reset";

// Issue 16 §1 on a 375×667 phone (phone-en / phone-ja): the forgotten-password screens fit
// without sideways scrolling, and each form's button is there.

async function expectNoSidewaysOverflow(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("the forgotten-password screens fit a 375-pixel phone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await page.context().clearCookies();

  await page.goto("/login");
  await page.getByRole("link", { name: l.forgotPassword }).click();
  // The log-in page has an "Email address" box too: wait for the client-side navigation to land.
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await expectNoSidewaysOverflow(page, "/password/forgot");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  await page.getByRole("button", { name: l.sendResetLink }).click();
  await expect(page.getByRole("status").filter({ hasText: l.resetLinkSent })).toBeVisible();
  await expectNoSidewaysOverflow(page, "/password/forgot (sent)");

  await page.goto(await resetPathFromLocalMail(user.email));
  await expect(page.getByRole("button", { name: l.setNewPassword })).toBeVisible();
  await expectNoSidewaysOverflow(page, "/password/reset");
});
