import { expect, test } from "@playwright/test";
import { ageSessionsOf } from "../support/app-database";
import { tabTo, typeInto } from "../support/keyboard";
import { newTestUser, readKeyFromScreen, signUpWithBackupCodes } from "../support/flows";
import { labelsFor } from "../support/labels";
import { totpCodeFor } from "../support/totp";

// Issue 7.2: every flow of the help page with Tab, Enter and Space alone. This folder is the
// keyboard-en / keyboard-ja projects (playwright.config.ts); eslint refuses any click, tap,
// fill or hover in it (eslint.config.mjs).
test("sign up, set up two-factor authentication, download codes, log in with a code and a backup code, disable — by keyboard", async ({
  page,
}, testInfo) => {
  // The whole help page in one walk, one key at a time: longer than a usual test.
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const user = newTestUser();
  const button = (name: string) => page.getByRole("button", { name, exact: true });

  await page.goto("/signup");
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);

  await tabTo(page, button(l.mainMenu));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("link", { name: l.personalSettings }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: l.setUpTwoFactor }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);

  const key = await readKeyFromScreen(page, l);
  // The sixth typed digit submits the form (issue 7.3): no Verify press, which would race it.
  await typeInto(page, page.getByRole("textbox", { name: l.securityCode }), await totpCodeFor({ key }));
  await expect(page.getByText(l.enabledNotice)).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await tabTo(page, button(l.downloadBackupCodes));
  await page.keyboard.press("Enter");
  await downloadPromise;
  // Each item is "N. 1234 5678": the code after its number.
  const codes = (await page.getByTestId("backup-codes").getByRole("listitem").allInnerTexts()).map((item) => item.replace(/^\d+\.\s*/, "").replace(/\s/g, ""));
  expect(codes).toHaveLength(10);

  await tabTo(page, button(l.mainMenu));
  await page.keyboard.press("Enter");
  await tabTo(page, button(l.logOut));
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/login/);

  // Log in with the authenticator app: the code field has focus, the sixth digit submits.
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  // The enabling code spent the current time step: the next one, as an app shows it seconds later.
  await typeInto(page, page.getByRole("textbox", { name: l.securityCode }), await totpCodeFor({ key, stepOffset: 1 }));
  await expect(page).toHaveURL(/\/settings$/);

  await tabTo(page, button(l.mainMenu));
  await page.keyboard.press("Enter");
  await tabTo(page, button(l.logOut));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login/);

  // Log in with a backup code.
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await tabTo(page, page.getByRole("link", { name: l.logInWithBackupCode }));
  await page.keyboard.press("Enter");
  // The eighth typed digit submits the form, as the sixth does on the code step.
  await typeInto(page, page.getByRole("textbox", { name: l.backupCode }), codes[0]);
  await expect(page).toHaveURL(/\/settings$/);

  await tabTo(page, page.getByRole("link", { name: l.setUpTwoFactor }));
  await page.keyboard.press("Enter");
  await tabTo(page, button(l.disable));
  await page.keyboard.press("Enter");
  await tabTo(page, button(l.ok));
  await page.keyboard.press("Enter");
  await expect(page.getByText(l.disabled, { exact: true }).first()).toBeVisible();

  await tabTo(page, button(l.mainMenu));
  await page.keyboard.press("Enter");
  await tabTo(page, button(l.logOut));
  await page.keyboard.press("Enter");
  await typeInto(page, page.getByRole("textbox", { name: l.emailAddress }), user.email);
  await typeInto(page, page.getByRole("textbox", { name: l.password }), user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);
});

test("the disable confirmation by keyboard: Escape closes it, and a wrong password after 10 minutes puts the caret back in the field", async ({ page }, testInfo) => {
  // Sign-up, two-factor, ten backup codes and two re-authentications: a dozen slow hashes.
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const button = (name: string) => page.getByRole("button", { name, exact: true });
  // Arranged by the shared flows: the account is not what this test walks; the dialog is.
  const { user, codes } = await signUpWithBackupCodes(page, l);
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });

  await tabTo(page, button(l.disable));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button(l.disable)).toBeFocused();

  await ageSessionsOf(user.email);
  await page.reload();
  await tabTo(page, button(l.disable));
  await page.keyboard.press("Enter");
  const password = dialog.getByLabel(l.password, { exact: true });
  await typeInto(page, password, `${user.password}-wrong`);
  await typeInto(page, dialog.getByRole("textbox", { name: l.reauthenticationCode }), codes[0]);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText(l.wrongPasswordOrCode);
  await expect(password).toBeFocused();

  // The caret is where the next try goes: type it at once.
  await page.keyboard.type(user.password);
  await typeInto(page, dialog.getByRole("textbox", { name: l.reauthenticationCode }), codes[1]);
  await page.keyboard.press("Enter");
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
});
