import { expect, type Page, test } from "@playwright/test";
import { enableTwoFactor, logOut, passPasswordStep, signUp } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 7.5: on a 375×667 phone nothing overflows sideways, and the setup screen offers the
// otpauth link above the QR code, with the key right below. This folder is the phone-en /
// phone-ja projects (playwright.config.ts: 375×667, touch, mobile viewport).

async function expectNoSidewaysOverflow(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("every screen fits a 375-pixel phone, and setup opens the authenticator app directly", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  for (const path of ["/login", "/signup"]) {
    await page.goto(path);
    await expectNoSidewaysOverflow(page, path);
  }
  const user = await signUp(page, l);
  await expectNoSidewaysOverflow(page, "/settings");
  await page.goto("/settings/two-factor");
  await expectNoSidewaysOverflow(page, "/settings/two-factor (off)");

  const openInApp = page.getByRole("link", { name: l.openInApp });
  await expect(openInApp).toBeVisible();
  expect(await openInApp.getAttribute("href")).toMatch(new RegExp(`^otpauth://totp/Nidan:${encodeURIComponent(user.email)}\\?`));
  const linkBox = await openInApp.boundingBox();
  const qrBox = await page.getByRole("img", { name: l.qrCode }).boundingBox();
  expect(linkBox!.y).toBeLessThan(qrBox!.y);
  await expect(page.getByText(l.key, { exact: true })).toBeVisible();

  await page.goto("/settings");
  await enableTwoFactor(page, l);
  await expectNoSidewaysOverflow(page, "/settings/two-factor (on)");
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await expectNoSidewaysOverflow(page, "/login/two-factor");
  await page.goto("/login/backup-code");
  await expectNoSidewaysOverflow(page, "/login/backup-code");
});

test("on a desktop the link is not needed: the QR code is on another screen than the phone", async ({ browser }, testInfo) => {
  const l = labelsFor(testInfo);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: testInfo.project.use.extraHTTPHeaders });
  const page = await context.newPage();
  await signUp(page, l);
  await page.goto("/settings/two-factor");
  await expect(page.getByRole("img", { name: l.qrCode })).toBeVisible();
  await expect(page.getByRole("link", { name: l.openInApp })).toBeHidden();
  await context.close();
});
