import { test } from "@playwright/test";
import { expectNoViolations } from "../support/axe";
import { downloadBackupCodes, enableTwoFactor, logOut, passPasswordStep, signUp } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 7: zero WCAG 2.2 A/AA violations on every screen, in both languages (projects),
// in both 2FA states, in light and dark (e2e/support/axe.ts). Admin screens: e2e/admin/accessibility.spec.ts.

test("the screens before sign-in have no WCAG 2.2 A/AA violations", async ({ page }) => {
  for (const path of ["/login", "/signup", "/login/two-factor"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
});

test("the signed-in screens, with two-factor off and on, and both second steps have no violations", async ({ page }, testInfo) => {
  // Sixteen full axe scans in one walk through the app: longer than a usual test.
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const user = await signUp(page, l);
  await expectNoViolations(page, "/settings");
  await page.getByRole("button", { name: l.mainMenu }).click();
  await expectNoViolations(page, "main menu open");
  await page.goto("/settings/two-factor");
  await expectNoViolations(page, "/settings/two-factor (off)");
  await page.goto("/settings");
  await enableTwoFactor(page, l);
  await expectNoViolations(page, "/settings/two-factor (on)");
  await downloadBackupCodes(page, l);
  await expectNoViolations(page, "/settings/two-factor (codes shown)");
  await page.getByRole("button", { name: l.disable }).click();
  await expectNoViolations(page, "disable confirmation");
  await page.keyboard.press("Escape");
  await logOut(page, l);
  await passPasswordStep(page, l, user);
  await expectNoViolations(page, "/login/two-factor");
  await page.goto("/login/backup-code");
  await expectNoViolations(page, "/login/backup-code");
});
