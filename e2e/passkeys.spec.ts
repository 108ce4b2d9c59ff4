import { expect, type Page, test } from "@playwright/test";
import {
  downloadBackupCodes,
  enableTwoFactor,
  formAlert,
  logOut,
  openTwoFactorSettings,
  readKeyFromScreen,
  submitBackupCode,
  submitPassword,
  signUp,
  twoFactorStatus,
  type TestUser,
} from "./support/flows";
import { type Labels, labelsFor } from "./support/labels";
import { addVirtualAuthenticator, autofillWaiting, passkeyBaseUrl, type VirtualAuthenticator } from "./support/passkeys";
import { totpCodeFor } from "./support/totp";

// Issue 17, in en and ja: passkeys added, renamed and removed on the two-factor screen, a
// passwordless sign-in, a passkey as the second step, and a passkey-only account with backup
// codes. Chromium's virtual authenticator answers the browser's real WebAuthn calls.
test.use({ baseURL: passkeyBaseUrl });

async function addPasskey(page: Page, l: Labels) {
  await page.getByRole("button", { name: l.addPasskey }).click();
  await expect(page.getByRole("status").filter({ hasText: l.passkeyAdded })).toBeVisible();
}

/**
 * Logs out and passes the password step with the authenticator's owner away, so that /login's
 * autofill request goes unanswered (e2e/support/passkeys.ts): lands on the second step.
 */
async function passwordStepWithPasskeyAway(page: Page, l: Labels, user: TestUser, authenticator: VirtualAuthenticator) {
  await authenticator.setUserPresent(false);
  await logOut(page, l);
  await submitPassword(page, l, user);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
}

function passkeyList(page: Page) {
  return page.getByTestId("passkeys").getByRole("listitem");
}

test("add, rename and remove a passkey; it signs in alone, and once removed never again", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const authenticator = await addVirtualAuthenticator(page);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);

  // The first passkey is the account's second factor: two-factor authentication is on.
  await addPasskey(page, l);
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
  await expect(passkeyList(page)).toHaveCount(1);
  expect(await authenticator.credentials()).toHaveLength(1);

  const nameField = passkeyList(page).getByRole("textbox", { name: l.passkeyName });
  await nameField.fill("My laptop");
  await passkeyList(page).getByRole("button", { name: l.rename }).click();
  await expect(page.getByRole("status").filter({ hasText: l.passkeyRenamed })).toBeVisible();
  await expect(passkeyList(page).getByText("My laptop", { exact: true })).toBeVisible();

  // "Sign in with a passkey": no password, no code, straight to the session.
  await authenticator.setUserPresent(false);
  await logOut(page, l);
  await autofillWaiting(page);
  await authenticator.setUserPresent(true);
  await page.getByRole("button", { name: l.signInWithPasskey }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // The password alone now leads to the second step, which offers the passkey and no code field.
  await passwordStepWithPasskeyAway(page, l, user, authenticator);
  await expect(page.getByText(l.passkeyStepIntro)).toBeVisible();
  await expect(page.getByRole("textbox", { name: l.securityCode })).toHaveCount(0);
  await authenticator.setUserPresent(true);
  await page.getByRole("button", { name: l.usePasskey }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // Removing the only second factor turns two-factor authentication off: confirmed as "Disable" is.
  await openTwoFactorSettings(page, l);
  await passkeyList(page).getByRole("button", { name: l.remove }).click();
  const confirmation = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await confirmation.getByRole("button", { name: l.cancel }).click();
  await expect(confirmation).toBeHidden();
  await expect(passkeyList(page)).toHaveCount(1);
  await passkeyList(page).getByRole("button", { name: l.remove }).click();
  await confirmation.getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
  await expect(page.getByTestId("passkeys").getByRole("listitem")).toHaveCount(0);

  // The authenticator still holds it; the server does not: refused.
  await authenticator.setUserPresent(false);
  await logOut(page, l);
  expect(await authenticator.credentials()).toHaveLength(1);
  await autofillWaiting(page);
  await authenticator.setUserPresent(true);
  await page.getByRole("button", { name: l.signInWithPasskey }).click();
  await expect(formAlert(page).filter({ hasText: l.passkeySignInFailed })).toBeVisible();
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("a passkey beside the authenticator app is offered at the second step", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const authenticator = await addVirtualAuthenticator(page);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);
  await addPasskey(page, l);
  await passwordStepWithPasskeyAway(page, l, user, authenticator);
  // Both ways are there: the code field and the passkey.
  await expect(page.getByRole("textbox", { name: l.securityCode })).toBeVisible();
  await authenticator.setUserPresent(true);
  await page.getByRole("button", { name: l.usePasskey }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // The app is still a second factor: removing the passkey asks nothing more and leaves 2FA on.
  await openTwoFactorSettings(page, l);
  await passkeyList(page).getByRole("button", { name: l.remove }).click();
  await expect(page.getByRole("status").filter({ hasText: l.passkeyRemoved })).toBeVisible();
  await expect(passkeyList(page)).toHaveCount(0);
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
});

test("an account with passkeys and no authenticator app logs in with a backup code", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const authenticator = await addVirtualAuthenticator(page);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  await addPasskey(page, l);
  const { codes } = await downloadBackupCodes(page, l);
  expect(codes).toHaveLength(10);
  await passwordStepWithPasskeyAway(page, l, user, authenticator);
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
});

test("another account's passkey is refused at the second step, even when the browser offers it", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const l = labelsFor(testInfo);
  const ownersAuthenticator = await addVirtualAuthenticator(page);
  await signUp(page, l);
  await openTwoFactorSettings(page, l);
  await addPasskey(page, l);
  const [ownersPasskey] = await ownersAuthenticator.credentials();

  const { locale, extraHTTPHeaders } = testInfo.project.use;
  const attackerPage = await (await browser.newContext({ baseURL: passkeyBaseUrl, locale, extraHTTPHeaders })).newPage();
  const attackersAuthenticator = await addVirtualAuthenticator(attackerPage);
  const attacker = await signUp(attackerPage, l);
  await openTwoFactorSettings(attackerPage, l);
  await addPasskey(attackerPage, l);
  await attackersAuthenticator.setUserPresent(false);
  await logOut(attackerPage, l);
  // The attacker's browser now holds the owner's passkey (private key included) and not its own,
  // and the options the server sends are stripped of the list of the account's own passkeys.
  for (const credential of await attackersAuthenticator.credentials()) {
    await attackersAuthenticator.cdp.send("WebAuthn.removeCredential", { authenticatorId: attackersAuthenticator.authenticatorId, credentialId: credential.credentialId });
  }
  await attackersAuthenticator.addCredential(ownersPasskey);
  await attackerPage.route("**/passkeys/options", async (route) => {
    const response = await route.fetch();
    const options = await response.json();
    delete options.allowCredentials;
    await route.fulfill({ response, json: options });
  });

  await submitPassword(attackerPage, l, attacker);
  await expect(attackerPage).toHaveURL(/\/login\/two-factor$/);
  await attackersAuthenticator.setUserPresent(true);
  await attackerPage.getByRole("button", { name: l.usePasskey }).click();
  await expect(formAlert(attackerPage).filter({ hasText: l.passkeyInvalid })).toBeVisible();
  await expect(attackerPage).toHaveURL(/\/login\/two-factor$/);
  await attackerPage.context().close();
});

test("the email field's autofill offers the passkey: picking it there signs in", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const authenticator = await addVirtualAuthenticator(page);
  await signUp(page, l);
  await openTwoFactorSettings(page, l);
  await addPasskey(page, l);
  await authenticator.setUserPresent(false);
  await logOut(page, l);
  await expect(page.getByRole("textbox", { name: l.emailAddress })).toHaveAttribute("autocomplete", "username webauthn");
  await autofillWaiting(page);

  // Present, the virtual authenticator answers the autofill's request as a person picking the
  // passkey under the email field would: no button, no password, no code.
  await authenticator.setUserPresent(true);
  await page.reload();
  await expect(page).toHaveURL(/\/settings$/);
});

test("a passkey-only account adds an authenticator app: its backup codes stay, and the code step then asks for a code", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const l = labelsFor(testInfo);
  const authenticator = await addVirtualAuthenticator(page);
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  await addPasskey(page, l);
  const { codes } = await downloadBackupCodes(page, l);

  await page.getByRole("link", { name: l.addAuthenticatorApp }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\/authenticator-app$/);
  const key = (await readKeyFromScreen(page, l)).replace(/\s+/g, "");
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key }));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.getByRole("status").filter({ hasText: l.authenticatorAppAdded })).toBeVisible();
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
  await expect(page.getByRole("link", { name: l.addAuthenticatorApp })).toHaveCount(0);
  await expect(passkeyList(page)).toHaveCount(1);

  // The second step now has the code field beside "Use a passkey"; the earlier codes still work.
  await passwordStepWithPasskeyAway(page, l, user, authenticator);
  await expect(page.getByRole("button", { name: l.usePasskey })).toBeVisible();
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await logOut(page, l);
  await submitPassword(page, l, user);
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
});
