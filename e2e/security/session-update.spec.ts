import type { APIRequestContext } from "@playwright/test";
import { logInWithSecurityCode, signUp } from "../support/flows";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { pendingLoginCookie, readPendingLoginPayload } from "./support/pending-login";
import { expect, test } from "./support/server-fixture";

// Issue 3, cal.com CVE-2026-23478: next-auth's `POST /api/auth/session` runs the jwt callback
// with `trigger: "update"` and whatever `data` the browser sends. If the callback copied it
// into the token, a browser could rename its session or declare its second step done.

async function csrfToken(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function postSessionUpdate(request: APIRequestContext, origin: string, data: Record<string, unknown>) {
  const response = await request.post("/api/auth/session", {
    headers: { "content-type": "application/json", origin },
    data: { csrfToken: await csrfToken(request), data },
    failOnStatusCode: false,
  });
  return { status: response.status(), body: await response.text() };
}

async function sessionOf(request: APIRequestContext): Promise<{ sessionId?: string } | null> {
  return (await (await request.get("/api/auth/session")).json()) as { sessionId?: string } | null;
}

test("POST /api/auth/session can neither switch a session to another one nor finish a pending sign-in", async ({ browser, baseURL }) => {
  // Three accounts, four sign-ins and six settings pages: more than the default minute on a busy 2-core machine.
  test.setTimeout(180_000);
  const origin = baseURL!;
  const victim = await createTwoFactorAccount(browser, origin, { backupCodes: false });

  // The victim signed in properly somewhere; the session id is what the attacker wants to name.
  const victimContext = await newBrowserContext(browser, origin);
  const victimPage = await victimContext.newPage();
  await logInWithSecurityCode(victimPage, l, victim.user, victim.key);
  const victimSessionId = (await sessionOf(victimContext.request))?.sessionId;
  expect(victimSessionId).toMatch(/^[0-9a-f-]{36}$/);

  await test.step("a signed-in attacker renames their session to the victim's", async () => {
    const attackerContext = await newBrowserContext(browser, origin);
    const attackerPage = await attackerContext.newPage();
    const attacker = await signUp(attackerPage, l);
    const ownSessionId = (await sessionOf(attackerContext.request))?.sessionId;
    const payloads = [
      { sessionId: victimSessionId },
      { sessionId: victimSessionId, user: { email: victim.user.email }, twoFactorVerified: true },
      { token: { sessionId: victimSessionId } },
    ];
    for (const data of payloads) {
      const update = await postSessionUpdate(attackerContext.request, origin, data);
      expect(update.status).toBeLessThan(500);
      expect(update.body).not.toContain(victimSessionId!);
      expect((await sessionOf(attackerContext.request))?.sessionId).toBe(ownSessionId);
      await attackerPage.goto("/settings");
      await expect(attackerPage.getByRole("main").getByText(attacker.email)).toBeVisible();
      await expect(attackerPage.getByText(victim.user.email)).toHaveCount(0);
    }
    await attackerContext.close();
  });

  await test.step("a browser at the code step declares its second factor verified", async () => {
    const { context, page } = await browserAtCodeStep(browser, origin, victim.user);
    const victimId = readPendingLoginPayload((await pendingLoginCookie(context))!).userId;
    const payloads = [
      { twoFactorVerified: true },
      { sessionId: victimSessionId },
      { userId: victimId, sessionId: victimSessionId, twoFactorVerified: true, user: { id: victimId, email: victim.user.email } },
    ];
    for (const data of payloads) {
      const update = await postSessionUpdate(context.request, origin, data);
      expect(update.status).toBeLessThan(500);
      expect(await sessionOf(context.request)).toBeNull();
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/login$/);
    }
    // Nor can the browser redeem a sign-in grant it makes up (the grants never leave the server).
    const callback = await context.request.post("/api/auth/callback/grant", {
      headers: { origin },
      form: { csrfToken: await csrfToken(context.request), grant: victimSessionId!, sessionId: victimSessionId! },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(callback.status()).toBeLessThan(500);
    expect(await sessionOf(context.request)).toBeNull();
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login$/);
    await context.close();
  });

  // The victim's own session is untouched by all this.
  await victimPage.goto("/settings");
  await expect(victimPage.getByRole("main").getByText(victim.user.email)).toBeVisible();
  await victimContext.close();
});
