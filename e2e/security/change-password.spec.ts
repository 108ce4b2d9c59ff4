import { accountChangeLabels } from "../support/account-change-labels";
import { changePassword } from "../support/account-change-flows";
import { formAlert, logIn, logInWithBackupCode, newTestUser, signUp, submitPassword } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { createTwoFactorAccount, l, logOut, newBrowserContext, tooManyAttempts } from "./support/accounts";
import { expect, type Query, test } from "./support/server-fixture";

// Issue 16 §2: changing the password asks for the current one every time (and, with two-factor
// on and a sign-in older than 10 minutes, a current code); a wrong one counts against the
// password step's limits; afterwards the old password is refused, every other session has
// ended, this one stays, and the owner is mailed.

const a = accountChangeLabels.en;

/** Moves every session of `email` 11 minutes into the past: one minute beyond the window. */
function ageSessions(email: string) {
  return (query: Query) =>
    query(`UPDATE "Session" SET "authenticatedAt" = "authenticatedAt" - interval '11 minutes' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [email]);
}

test("the old password is refused after a change, the other session has ended, this one stays, and the owner is mailed", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(180_000);
  const mine = await newBrowserContext(browser, baseURL!);
  const elsewhere = await newBrowserContext(browser, baseURL!);
  const page = await mine.newPage();
  const otherPage = await elsewhere.newPage();
  const user = await signUp(page, l, newTestUser());
  await logIn(otherPage, l, user);

  const next = `${user.password}-changed`;
  await changePassword(page, a, { current: user.password, next });
  await expect(page).toHaveURL(/\/settings\?passwordChanged=1$/);
  await expect(page.getByRole("status").filter({ hasText: a.passwordChanged })).toBeVisible();
  await expect(page.getByRole("cell", { name: a.passwordChangedEvent })).toBeVisible();

  // The other browser's session has ended: its next page is the login page.
  await otherPage.goto("/settings");
  await expect(otherPage).toHaveURL(/\/login/);

  await logOut(page);
  await submitPassword(page, l, user);
  await expect(formAlert(page)).toHaveText(l.invalidCredentials);
  await logIn(page, l, { ...user, password: next });

  await expect
    .poll(() => securityServer.smtpMessages.filter((mail) => mail.envelopeTo.includes(user.email) && mail.subject.includes("Your password was changed")).length)
    .toBe(1);
  const mail = securityServer.smtpMessages.find((message) => message.subject.includes("Your password was changed"))!;
  expect(mail.raw).not.toContain(next);
  expect(securityServer.serverLog()).not.toContain(next);
  await mine.close();
  await elsewhere.close();
});

test("a wrong current password counts toward the password step's lock: after ten, the right one is refused too", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();
  const user = await signUp(page, l, newTestUser());
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await changePassword(page, a, { current: `wrong-${attempt}-${user.password}`, next: `${user.password}-new` });
    await expect(formAlert(page)).toHaveText(a.invalidPassword);
  }
  await changePassword(page, a, { current: user.password, next: `${user.password}-new` });
  await expect(formAlert(page)).toHaveText(tooManyAttempts);
  // The same budget as this browser's sign-in: logging in again from it is locked as well.
  await logOut(page);
  await submitPassword(page, l, user);
  await expect(formAlert(page)).toHaveText(tooManyAttempts);
  await context.close();
});

test("a stolen session cookie alone cannot change the password; after 10 minutes with two-factor on, nor can it with the password", async ({
  browser,
  baseURL,
  securityServer,
}) => {
  test.setTimeout(300_000);
  const account = await createTwoFactorAccount(browser, baseURL!, { backupCodes: true });
  const victim = await newBrowserContext(browser, baseURL!);
  const victimPage = await victim.newPage();
  // A backup code, so that no authenticator time step is spent before the one used below.
  await logInWithBackupCode(victimPage, l, account.user, account.codes[0]);

  // The attacker replays the victim's cookies in a browser of their own.
  const attacker = await newBrowserContext(browser, baseURL!);
  await attacker.addCookies(await victim.cookies());
  const page = await attacker.newPage();
  const next = "the attacker's own password";

  await changePassword(page, a, { current: "a guessed password", next });
  await expect(formAlert(page)).toHaveText(a.invalidPassword);

  // A phished password too, but the sign-in is now older than 10 minutes: a code is asked first.
  await securityServer.withDatabase(ageSessions(account.user.email));
  await page.goto("/settings/password");
  const codeField = page.getByRole("textbox", { name: a.codeLabel });
  await expect(codeField).toBeVisible();
  // As a hand-made post would: no code at all.
  await codeField.evaluate((input) => input.removeAttribute("required"));
  await page.getByRole("textbox", { name: a.currentPassword }).fill(account.user.password);
  await page.getByRole("textbox", { name: a.newPassword }).fill(next);
  await page.getByRole("button", { name: a.changePassword }).click();
  await expect(formAlert(page)).toHaveText(a.codeRequired);
  await changePassword(page, a, { current: account.user.password, next, code: "12345678" });
  await expect(formAlert(page)).toHaveText(a.invalidPasswordOrCode);

  // Nothing changed: the victim's password still works, the attacker's does not.
  const check = await newBrowserContext(browser, baseURL!);
  const checkPage = await check.newPage();
  await submitPassword(checkPage, l, { ...account.user, password: next });
  await expect(formAlert(checkPage)).toHaveText(l.invalidCredentials);
  await submitPassword(checkPage, l, account.user);
  await expect(checkPage).toHaveURL(/\/login\/two-factor$/);

  // The owner, with a current code, can.
  await changePassword(victimPage, a, { current: account.user.password, next: `${account.user.password}-new`, code: await totpCodeFor({ key: account.key, stepOffset: 1 }) });
  await expect(victimPage).toHaveURL(/\/settings\?passwordChanged=1$/);
  for (const context of [victim, attacker, check]) await context.close();
});
