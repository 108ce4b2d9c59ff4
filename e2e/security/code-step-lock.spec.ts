import { formAlert, wrongTotpCodeFor } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext, randomClientAddress, tooManyAttempts } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 item 1, devise-two-factor CVE-2024-0227, RFC 4226 §7.3: the code step (authenticator
// and backup codes together) is limited per account, whatever the client. An attacker who has
// the password starts a fresh password step (a fresh pending cookie) before every guess and
// comes from a new address each time (X-Forwarded-For, the header this server trusts).
//
// The first attempts are made in a real browser, whose requests are captured; the rest replay
// those requests over HTTP, each from a new cookie jar and a new address, as a script would.
//
// Time: the first lock lasts 1 minute, the next 5 (then 15, 60). Every attempt costs a password
// step (one argon2 hash), and on a loaded two-core machine 150 of them can take longer than a
// minute; the lock is then rightly lifted for another 10 guesses before the 5-minute lock. So:
// every attempt sent within the first lock's minute must be refused, and over the whole run no
// more than 10 guesses per lock window reach the code check. On a fast machine that is exactly
// "locked by the 11th, and then stays".

const attempts = 150;
const maxFailures = 10;
const firstLockMilliseconds = 60_000;

function wrongBackupCode(codes: string[]): string {
  let candidate: string;
  do candidate = String(Math.floor(Math.random() * 100_000_000)).padStart(8, "0");
  while (codes.includes(candidate));
  return candidate;
}

type Outcome = { message: string; sentAt: number };

test("150 wrong codes from fresh password steps and changing addresses: locked by the 11th, and then even the right code is refused", async ({
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(300_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });
  const outcomes: Outcome[] = [];
  const isInvalid = (message: string) => message === l.invalidBackupCode || message.startsWith(l.invalidSecurityCode);

  // Attempt 1 (a wrong security code) and attempt 2 (a wrong backup code) in the browser.
  const context = await newBrowserContext(browser, origin, { "x-forwarded-for": randomClientAddress() });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: l.emailAddress }).fill(account.user.email);
  await page.getByRole("textbox", { name: l.password }).fill(account.user.password);
  const passwordAction = await captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: false });
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(account.key));
  const securityCodeAction = await captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: false });
  await expect(formAlert(page)).toContainText(l.invalidSecurityCode);
  outcomes.push({ message: await formAlert(page).innerText(), sentAt: Date.now() });
  await page.getByRole("link", { name: l.logInWithBackupCode }).click();
  await page.getByRole("textbox", { name: l.backupCode }).fill(wrongBackupCode(account.codes));
  const backupCodeAction = await captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: false });
  await expect(formAlert(page)).toHaveText(l.invalidBackupCode);
  outcomes.push({ message: await formAlert(page).innerText(), sentAt: Date.now() });
  await context.close();

  // Then each attempt from a new client — new address, no cookies — that passes the password
  // step and sends one wrong code, alternating security and backup codes.
  const attempt = async (number: number): Promise<Outcome> => {
    const client = await playwright.request.newContext({
      baseURL: origin,
      extraHTTPHeaders: { "accept-language": "en", "x-forwarded-for": randomClientAddress() },
    });
    try {
      const passwordStep = await replayServerAction(client, passwordAction);
      expect(passwordStep.redirect ?? `${passwordStep.status} ${passwordStep.body.slice(-300)}`, `attempt ${number}: the password step`).toMatch(
        /^\/login\/two-factor/,
      );
      const sentAt = Date.now();
      const codeStep =
        number % 2 === 1
          ? await replayServerAction(client, securityCodeAction, { fields: { code: await wrongTotpCodeFor(account.key) } })
          : await replayServerAction(client, backupCodeAction, { fields: { code: wrongBackupCode(account.codes) } });
      expect(codeStep.status, `attempt ${number}`).toBe(200);
      expect(codeStep.redirect, `attempt ${number} signed in`).toBeNull();
      return { message: codeStep.state?.error ?? `(no message) ${codeStep.body.slice(0, 200)}`, sentAt };
    } finally {
      await client.dispose();
    }
  };

  await test.step("one at a time up to the 12th: locked by the 11th", async () => {
    while (outcomes.length < 12) outcomes.push(await attempt(outcomes.length + 1));
    const messages = outcomes.map((outcome) => outcome.message);
    const firstLocked = messages.findIndex((message) => tooManyAttempts.test(message)) + 1;
    expect(firstLocked, messages.join("\n")).toBeGreaterThan(0);
    expect(firstLocked, messages.join("\n")).toBeLessThanOrEqual(maxFailures + 1);
    for (const message of messages.slice(0, firstLocked - 1)) expect(isInvalid(message), message).toBe(true);
    for (const message of messages.slice(firstLocked - 1)) expect(message).toMatch(tooManyAttempts);
  });

  await test.step("while locked, the right security code and an unused backup code are refused too", async () => {
    const { context: owner, page: codeStep } = await browserAtCodeStep(browser, origin, account.user, { "x-forwarded-for": randomClientAddress() });
    await codeStep.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key: account.key, stepOffset: 1 }));
    await codeStep.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(codeStep)).toHaveText(tooManyAttempts);
    await expect(codeStep).toHaveURL(/\/login\/two-factor$/);
    await codeStep.getByRole("link", { name: l.logInWithBackupCode }).click();
    await codeStep.getByRole("textbox", { name: l.backupCode }).fill(account.codes[0]);
    await codeStep.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(codeStep)).toHaveText(tooManyAttempts);
    await codeStep.goto("/settings");
    await expect(codeStep).toHaveURL(/\/login$/);
    await owner.close();
  });

  await test.step(`up to the ${attempts}th, ten at a time: the lock holds`, async () => {
    const started = Date.now();
    while (outcomes.length < attempts) {
      const batch = Array.from({ length: Math.min(10, attempts - outcomes.length) }, (_, index) => outcomes.length + index + 1);
      outcomes.push(...(await Promise.all(batch.map(attempt))));
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    test.info().annotations.push({ type: "timing", description: `attempts 13–${attempts} took ${seconds} s` });
    console.log(`[code-step lock] attempts 13–${attempts} took ${seconds} s`);

    // The lock was set while the 10th guess was being checked, so not before it was sent.
    const invalid = outcomes.filter((outcome) => isInvalid(outcome.message));
    const firstLocked = outcomes.findIndex((outcome) => tooManyAttempts.test(outcome.message));
    const lockNotBefore = outcomes[firstLocked - 1].sentAt;
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.sentAt > lockNotBefore && outcome.sentAt < lockNotBefore + firstLockMilliseconds - 2_000) {
        expect(outcome.message, `attempt ${index + 1}, ${Math.round((outcome.sentAt - lockNotBefore) / 1000)} s into the first lock`).toMatch(tooManyAttempts);
      } else if (!isInvalid(outcome.message)) {
        expect(outcome.message, `attempt ${index + 1}`).toMatch(tooManyAttempts);
      }
    }
    // At most one more window of 10 guesses can have opened (the second lock lasts 5 minutes).
    const windows = Date.now() - lockNotBefore > firstLockMilliseconds ? 2 : 1;
    expect(invalid.length, `${invalid.length} guesses reached the code check in ${seconds} s`).toBeLessThanOrEqual(maxFailures * windows);
  });
});
