import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext, outcomeOf } from "./support/accounts";
import {
  forgePendingLoginToken,
  pendingLoginCookie,
  readPendingLoginPayload,
  setPendingLoginCookie,
  signPendingLoginToken,
} from "./support/pending-login";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 "an expired, forged or other user's pending cookie". The cookie is
// `<base64url {userId, issuedAtMs}>.<HMAC-SHA256 with AUTH_SECRET>` and lives 5 minutes. The
// suite's server generated its AUTH_SECRET into DATA_DIR, so this test can mint a correctly
// signed but expired cookie: only the expiry check can refuse that one.

test("an expired, forged or re-targeted pending-login cookie shows the expired message and signs nobody in", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(150_000);
  const origin = baseURL!;
  const victim = await createTwoFactorAccount(browser, origin, { backupCodes: true });
  const attacker = await createTwoFactorAccount(browser, origin, { backupCodes: false });

  // The victim's own browser at the code step: it signs in at the end with the very code the
  // attacker tried, which shows that none of the attempts below spent it.
  const victimBrowser = await browserAtCodeStep(browser, origin, victim.user);
  const victimId = readPendingLoginPayload((await pendingLoginCookie(victimBrowser.context))!).userId;

  // The attacker's own, genuine pending cookie, and the shape of the code-step action
  // (the request is aborted, so it counts as no attempt).
  const attackerBrowser = await browserAtCodeStep(browser, origin, attacker.user);
  const attackerToken = (await pendingLoginCookie(attackerBrowser.context))!;
  expect(readPendingLoginPayload(attackerToken).userId).not.toBe(victimId);
  await attackerBrowser.page.getByRole("textbox", { name: l.securityCode }).fill("000000");
  const codeStepAction = await captureServerAction(attackerBrowser.page, () => attackerBrowser.page.getByRole("button", { name: l.logIn }).click(), {
    abort: true,
  });
  await attackerBrowser.page.goto("/login/backup-code");
  await attackerBrowser.page.getByRole("textbox", { name: l.backupCode }).fill("00000000");
  const backupCodeAction = await captureServerAction(attackerBrowser.page, () => attackerBrowser.page.getByRole("button", { name: l.logIn }).click(), {
    abort: true,
  });

  const victimCode = await totpCodeFor({ key: victim.key, stepOffset: 1 });
  const secret = securityServer.authSecret();
  const now = Date.now();
  const attackerSignature = attackerToken.split(".")[1];
  const victimPayload = Buffer.from(JSON.stringify({ userId: victimId, issuedAtMs: now })).toString("base64url");
  const craftedCookies: [string, string][] = [
    ["signed with the server's key, issued 6 minutes ago", signPendingLoginToken({ userId: victimId, issuedAtMs: now - 6 * 60_000, secret })],
    ["signed with the server's key, issued 5 minutes and 2 seconds ago", signPendingLoginToken({ userId: victimId, issuedAtMs: now - 302_000, secret })],
    ["signed with the server's key, issued in an hour", signPendingLoginToken({ userId: victimId, issuedAtMs: now + 60 * 60_000, secret })],
    ["signed with another key", forgePendingLoginToken({ userId: victimId, issuedAtMs: now })],
    ["the attacker's signature under the victim's user id", `${victimPayload}.${attackerSignature}`],
    ["no signature", victimPayload],
    ["an empty signature", `${victimPayload}.`],
    ["three parts", `${victimPayload}.${attackerSignature}.${attackerSignature}`],
    ["not a token", "not-a-token"],
  ];

  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  for (const [description, token] of craftedCookies) {
    await test.step(description, async () => {
      await setPendingLoginCookie(context, { baseURL: origin, value: token });
      for (const path of ["/login/two-factor", "/login/backup-code"]) {
        await page.goto(path);
        await expect(page.getByText(l.pendingLoginExpired)).toBeVisible();
        await expect(page.getByRole("link", { name: l.backToLogin })).toBeVisible();
        await expect(page.getByRole("textbox")).toHaveCount(0);
      }
      // Posting the victim's right code (and a right backup code) anyway, as curl would.
      for (const [action, code] of [
        [codeStepAction, victimCode],
        [backupCodeAction, victim.codes[0]],
      ] as const) {
        const reply = await replayServerAction(context.request, action, { fields: { code } });
        expect(reply.status).toBe(200);
        expect(reply.state?.error).toBe(l.pendingLoginExpired);
        expect(reply.redirect).toBeNull();
      }
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/login$/);
    });
  }

  await test.step("the attacker's genuine cookie with the victim's right code: refused as a wrong code", async () => {
    await attackerBrowser.page.goto("/login/two-factor");
    await attackerBrowser.page.getByRole("textbox", { name: l.securityCode }).fill(victimCode);
    await attackerBrowser.page.getByRole("button", { name: l.logIn }).click();
    expect(await outcomeOf(attackerBrowser.page)).toContain(l.invalidSecurityCode);
    await attackerBrowser.page.goto("/login/backup-code");
    await attackerBrowser.page.getByRole("textbox", { name: l.backupCode }).fill(victim.codes[0]);
    await attackerBrowser.page.getByRole("button", { name: l.logIn }).click();
    expect(await outcomeOf(attackerBrowser.page)).toBe(l.invalidBackupCode);
    await attackerBrowser.page.goto("/settings");
    await expect(attackerBrowser.page).toHaveURL(/\/login$/);
  });

  await test.step("the victim's code and backup code were not spent: the victim signs in with them", async () => {
    await victimBrowser.page.getByRole("textbox", { name: l.securityCode }).fill(victimCode);
    await victimBrowser.page.getByRole("button", { name: l.logIn }).click();
    await expect(victimBrowser.page).toHaveURL(/\/settings$/);
    await victimBrowser.page.goto("/settings/two-factor");
    await expect(victimBrowser.page.getByText(l.remaining(10))).toBeVisible();
  });

  await Promise.all([context.close(), victimBrowser.context.close(), attackerBrowser.context.close()]);
});
