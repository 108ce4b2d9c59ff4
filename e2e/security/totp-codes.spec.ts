import { openTwoFactorSettings, readKeyFromScreen, signUp } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext, outcomeOf, logOut } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

const timeStepSeconds = 30;

function currentTimeStep(): number {
  return Math.floor(Date.now() / 1000 / timeStepSeconds);
}

/**
 * Waits until the current 30-second step has at least `marginSeconds` left (and, if asked,
 * until the step is at least `atLeastStep`), so a code computed now is still judged against
 * the same step when the server receives it.
 */
async function waitForTimeStep(options: { marginSeconds: number; atLeastStep?: number }) {
  for (;;) {
    const nowSeconds = Date.now() / 1000;
    const step = Math.floor(nowSeconds / timeStepSeconds);
    const left = (step + 1) * timeStepSeconds - nowSeconds;
    if (step >= (options.atLeastStep ?? 0) && left >= options.marginSeconds) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Issue 3 / RFC 6238 §5.2 / Gitea CVE-2021-45331: a code is accepted once.

test("a security code that signed in once is refused again, and two browsers sending it at once let in exactly one", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;

  await test.step("sequentially", async () => {
    const account = await createTwoFactorAccount(browser, origin, { backupCodes: false });
    const code = await totpCodeFor({ key: account.key, stepOffset: 1 });
    const first = await browserAtCodeStep(browser, origin, account.user);
    await first.page.getByRole("textbox", { name: l.securityCode }).fill(code);
    await first.page.getByRole("button", { name: l.logIn }).click();
    await expect(first.page).toHaveURL(/\/settings$/);

    const second = await browserAtCodeStep(browser, origin, account.user);
    await second.page.getByRole("textbox", { name: l.securityCode }).fill(code);
    await second.page.getByRole("button", { name: l.logIn }).click();
    expect(await outcomeOf(second.page)).toContain(l.invalidSecurityCode);
    await expect(second.page).toHaveURL(/\/login\/two-factor$/);
    await second.page.goto("/settings");
    await expect(second.page).toHaveURL(/\/login$/);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  await test.step("two browsers at the same moment", async () => {
    const account = await createTwoFactorAccount(browser, origin, { backupCodes: false });
    const browsers = await Promise.all([0, 1].map(() => browserAtCodeStep(browser, origin, account.user)));
    const code = await totpCodeFor({ key: account.key, stepOffset: 1 });
    for (const { page } of browsers) await page.getByRole("textbox", { name: l.securityCode }).fill(code);
    await Promise.all(browsers.map(({ page }) => page.getByRole("button", { name: l.logIn }).click()));
    const outcomes = await Promise.all(browsers.map(({ page }) => outcomeOf(page)));
    expect(outcomes.filter((outcome) => outcome === "signed-in"), outcomes.join(" | ")).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome !== "signed-in")).toContain(l.invalidSecurityCode);
    await Promise.all(browsers.map(({ context }) => context.close()));
  });
});

// RFC 6238 §5.2 allows one step of drift each way; Nidan accepts exactly ±1 (SPEC §4).

test("codes of the steps two before and two after the current one are refused, the previous step's is accepted", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;

  // Enabling with the previous step's code makes it the last used step. Two steps later,
  // the code of "now − 2" is newer than any used one, so only the ±1 window can refuse it.
  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  const user = await signUp(page, l);
  await openTwoFactorSettings(page, l);
  const key = await readKeyFromScreen(page, l);
  await waitForTimeStep({ marginSeconds: 5 });
  const lastUsedStep = currentTimeStep() - 1;
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: -1 }));
  await page.getByRole("button", { name: l.verify }).click();
  await expect(page.getByText(l.enabledNotice)).toBeVisible();
  await logOut(page);
  await context.close();

  const { context: signingIn, page: codeStep } = await browserAtCodeStep(browser, origin, user);
  const submit = async (stepOffset: number) => {
    await codeStep.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset }));
    await codeStep.getByRole("button", { name: l.logIn }).click();
    return outcomeOf(codeStep);
  };

  await test.step("+2", async () => {
    await waitForTimeStep({ marginSeconds: 5 });
    expect(await submit(+2)).toContain(l.invalidSecurityCode);
  });
  await test.step("−2", async () => {
    await waitForTimeStep({ marginSeconds: 5, atLeastStep: lastUsedStep + 3 });
    await codeStep.reload();
    expect(await submit(-2)).toContain(l.invalidSecurityCode);
  });
  await test.step("−1 (the refusals above were the window's, not a spent step's or a lock's)", async () => {
    await codeStep.reload();
    expect(await submit(-1)).toBe("signed-in");
  });
  await signingIn.close();
});
