import { expect, type Page, test } from "@playwright/test";
import { enableTwoFactor, logOut, passPasswordStep, signUp, signUpWithBackupCodes } from "../support/flows";
import { expectCentred, linesTakenBy } from "../support/layout";
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

test("the disable confirmation is centred and fits, and the activity list fits with nothing cut off", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUpWithBackupCodes(page, l);
  await page.getByRole("button", { name: l.disable }).click();
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await expectCentred(page, dialog, "the confirmation on a phone");
  await dialog.getByRole("button", { name: l.cancel }).click();

  await page.goto("/settings");
  await expectNoSidewaysOverflow(page, "/settings with activity");
  const width = page.viewportSize()!.width;
  const rows = page.getByTestId("security-activity").getByRole("row").filter({ has: page.getByRole("cell") });
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  for (const cell of await rows.getByRole("cell").all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width, `"${await cell.innerText()}" ends inside the screen`).toBeLessThanOrEqual(width);
  }
  // The browser is shown whole, wrapped, not cut off; the event's name is not broken letter by letter.
  const browserCell = rows.first().getByRole("cell").nth(3);
  const shownBrowser = await browserCell.evaluate((cell) => ({ scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth }));
  expect(shownBrowser.scrollWidth).toBeLessThanOrEqual(shownBrowser.clientWidth);
  const signIn = rows.getByRole("cell", { name: l.eventSignIn, exact: true }).first();
  expect(await linesTakenBy(signIn, l.eventSignIn)).toBe(1);
  await expect(page.getByText(l.activityAddress, { exact: true }).first()).toBeAttached();
});

test("quoted labels and short parentheses never break across lines, at any phone width", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await page.goto("/settings/two-factor");
  await expectWholeAtEveryWidth(page, l.quotedOnSetup);
  await enableTwoFactor(page, l);
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await expectWholeAtEveryWidth(page, l.quotedOnCodeStep);
});

/** From 320 to 375 pixels wide, each quoted piece of the paragraph holding `paragraph` stays on one line. */
async function expectWholeAtEveryWidth(page: Page, texts: readonly { paragraph: string; quoted: readonly string[] }[]) {
  const height = page.viewportSize()!.height;
  for (let width = 320; width <= 375; width += 1) {
    await page.setViewportSize({ width, height });
    for (const text of texts) {
      const paragraph = page.locator("p").filter({ hasText: text.paragraph }).first();
      for (const quoted of text.quoted) expect(await linesTakenBy(paragraph, quoted), `${quoted} at ${width} px`).toBe(1);
    }
  }
  await page.setViewportSize({ width: 375, height });
}
