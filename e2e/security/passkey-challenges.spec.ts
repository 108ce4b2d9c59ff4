import { signUp } from "../support/flows";
import { addVirtualAuthenticator, autofillWaiting, onLocalhost } from "../support/passkeys";
import { l, logOut } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 17, as an attacker: a captured passkey sign-in replayed (its challenge was spent), and a
// page of another site asking for a challenge. Passkeys need a domain as relying party: localhost.
test.use({ baseURL: async ({ securityServer }, provide) => provide(onLocalhost(securityServer.baseURL)) });

test("a passkey sign-in replayed with its own cookies gets no session: the challenge was single-use", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const authenticator = await addVirtualAuthenticator(page);
  await signUp(page, l);
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: l.addPasskey }).click();
  await expect(page.getByRole("status").filter({ hasText: l.passkeyAdded })).toBeVisible();
  // Absent on /login, so that the email field's autofill request stays unanswered (e2e/support/passkeys.ts).
  await authenticator.setUserPresent(false);
  await logOut(page);
  await autofillWaiting(page);
  await authenticator.setUserPresent(true);

  const signIn = await captureServerAction(page, () => page.getByRole("button", { name: l.signInWithPasskey }).click(), { abort: false });
  await expect(page).toHaveURL(/\/settings$/);

  // The attacker holds the very request and the browser's challenge cookie, nothing else.
  const challengeCookies = (await page.context().cookies()).filter((cookie) => cookie.name.endsWith("nidan-webauthn"));
  expect(challengeCookies).toHaveLength(1);
  const attacker = await playwright.request.newContext({ baseURL, storageState: { cookies: challengeCookies, origins: [] } });
  const replay = await replayServerAction(attacker, signIn);
  expect(replay.state).toEqual({ ok: false, error: l.passkeyExpired });
  expect(replay.redirect).toBeNull();
  expect((await attacker.storageState()).cookies.map((cookie) => cookie.name).filter((name) => name.includes("session-token"))).toEqual([]);
  await attacker.dispose();
});

test("another site cannot ask for a passkey challenge", async ({ playwright, baseURL }) => {
  const stranger = await playwright.request.newContext({ baseURL });
  const crossSite = await stranger.post("/passkeys/options", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, data: { purpose: "sign_in" } });
  expect(crossSite.status()).toBe(403);
  const noSession = await stranger.post("/passkeys/options", { headers: { origin: baseURL! }, data: { purpose: "register" } });
  expect(noSession.status()).toBe(401);
  const noPendingSignIn = await stranger.post("/passkeys/options", { headers: { origin: baseURL! }, data: { purpose: "second_factor" } });
  expect(noPendingSignIn.status()).toBe(401);
  await stranger.dispose();
});
