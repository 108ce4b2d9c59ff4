import { enableTwoFactor, openTwoFactorSettings, signUp } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, l, newBrowserContext } from "./support/accounts";
import { pendingLoginCookie } from "./support/pending-login";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 "Skip the second step": between the password step and the code step the browser holds
// only the pending-login cookie. It must open no signed-in page, action, route handler or API.

test("with only the pending-login cookie, no signed-in page, server action, route or API does anything", async ({ browser, baseURL }) => {
  const origin = baseURL!;

  // The victim: two-factor authentication on, still signed in in a browser of their own, so
  // that "End all other sessions" would have something to end.
  const victimContext = await newBrowserContext(browser, origin);
  const victimPage = await victimContext.newPage();
  const victim = await signUp(victimPage, l);
  const victimKey = await enableTwoFactor(victimPage, l);

  // The attacker learns what the signed-in forms post from an account of their own; the
  // requests are aborted, so only their shape is kept.
  const attackerContext = await newBrowserContext(browser, origin);
  const attackerPage = await attackerContext.newPage();
  await signUp(attackerPage, l);
  await enableTwoFactor(attackerPage, l);
  await attackerPage.getByRole("button", { name: l.disable }).click();
  const disableAction = await captureServerAction(
    attackerPage,
    () => attackerPage.getByRole("alertdialog", { name: l.confirmDisableTitle }).getByRole("button", { name: l.ok }).click(),
    { abort: true },
  );
  await attackerPage.goto("/settings");
  const endOtherSessionsAction = await captureServerAction(
    attackerPage,
    () => attackerPage.getByRole("button", { name: "End all other sessions" }).click(),
    { abort: true },
  );
  await attackerContext.close();

  // The victim's password, but not their phone: the browser stops at the code step.
  const { context: pending, page } = await browserAtCodeStep(browser, origin, victim);
  expect(await pendingLoginCookie(pending)).toBeTruthy();

  await test.step("signed-in pages send the pending browser to /login", async () => {
    for (const path of ["/settings", "/settings/two-factor"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("button", { name: l.mainMenu })).toHaveCount(0);
      await expect(page.getByRole("textbox", { name: l.emailAddress })).toBeVisible();
    }
  });

  await test.step("the backup-code download gives no file", async () => {
    for (const accept of ["application/json", "text/html"]) {
      const response = await pending.request.post("/settings/two-factor/backup-codes", {
        headers: { origin, accept },
        form: {},
        maxRedirects: 0,
        failOnStatusCode: false,
      });
      const body = await response.text();
      expect(response.headers()["content-disposition"]).toBeUndefined();
      expect(body).not.toMatch(/\d{8}/);
      expect(response.status()).toBe(303);
      expect(new URL(response.headers()["location"], origin).pathname).toBe("/login");
    }
  });

  await test.step("next-auth's session API knows no session", async () => {
    const response = await pending.request.get("/api/auth/session");
    expect(await response.json()).toBeNull();
  });

  await test.step("replayed signed-in server actions do nothing but send the browser to /login", async () => {
    for (const action of [disableAction, endOtherSessionsAction]) {
      const reply = await replayServerAction(pending.request, action);
      expect(reply.status).toBeLessThan(500);
      expect(reply.redirect).toMatch(/\/login(;|$)/);
    }
  });

  await test.step("nothing changed for the victim", async () => {
    // Still signed in: "End all other sessions" did not run.
    await victimPage.goto("/settings");
    await expect(victimPage).toHaveURL(/\/settings$/);
    await expect(victimPage.getByText(l.enabled, { exact: true })).toBeVisible();
    // Still two-factor, and no backup codes were made behind their back.
    await openTwoFactorSettings(victimPage, l);
    await expect(victimPage.getByText(l.enabled, { exact: true })).toBeVisible();
    await expect(victimPage.getByText(l.noCodesYet)).toBeVisible();
    // And the pending browser is still only at the code step: the right code is still needed.
    await page.goto("/login/two-factor");
    await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key: victimKey, stepOffset: 1 }));
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByText(l.enabled, { exact: true })).toBeVisible();
  });

  await pending.close();
  await victimContext.close();
});
