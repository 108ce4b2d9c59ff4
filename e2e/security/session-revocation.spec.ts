import type { BrowserContext } from "@playwright/test";
import { disableTwoFactor, enableTwoFactor, logInWithSecurityCode, logIn, signUp } from "../support/flows";
import { l, newBrowserContext, logOut } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 3 item 4 / ADR 0002: the session cookie names a server-side session. Logging out ends it
// (a copy of the cookie stops working), and turning two-factor authentication on or off in one
// browser ends the user's sessions in every other one.

async function expectSignedIn(context: BrowserContext, email: string) {
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("main").getByText(email)).toBeVisible();
  expect(await (await context.request.get("/api/auth/session")).json(), "GET /api/auth/session").not.toBeNull();
  await page.close();
}

async function expectSignedOut(context: BrowserContext) {
  const page = await context.newPage();
  for (const path of ["/settings", "/settings/two-factor"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: l.mainMenu })).toHaveCount(0);
  }
  // next-auth's own session API must not vouch for an ended session either.
  expect(await (await context.request.get("/api/auth/session")).json(), "GET /api/auth/session").toBeNull();
  await page.close();
}

test("a copied session cookie stops working after logout, and turning two-factor on or off elsewhere ends the other browser's session", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const first = await newBrowserContext(browser, origin);
  const firstPage = await first.newPage();
  const user = await signUp(firstPage, l);

  await test.step("a cookie copied into another browser dies with the logout", async () => {
    const copy = await newBrowserContext(browser, origin);
    await copy.addCookies(await first.cookies());
    expect((await copy.cookies()).map((cookie) => cookie.name)).toContain("authjs.session-token");
    await expectSignedIn(copy, user.email);
    await logOut(firstPage);
    await expectSignedOut(copy);
    await copy.close();
  });

  await logIn(firstPage, l, user);
  const second = await newBrowserContext(browser, origin);
  await logIn(await second.newPage(), l, user);
  await expectSignedIn(second, user.email);

  let key = "";
  await test.step("turning two-factor authentication on ends the other browser's session", async () => {
    key = await enableTwoFactor(firstPage, l);
    await expectSignedOut(second);
    await expectSignedIn(first, user.email);
  });

  const third = await newBrowserContext(browser, origin);
  await test.step("turning it off ends the other browser's session", async () => {
    const thirdPage = await third.newPage();
    await logInWithSecurityCode(thirdPage, l, user, key);
    // A copy of the third browser's cookie, too.
    const thirdCopy = await newBrowserContext(browser, origin);
    await thirdCopy.addCookies(await third.cookies());
    await expectSignedIn(thirdCopy, user.email);

    await disableTwoFactor(firstPage, l);
    await expectSignedOut(third);
    await expectSignedOut(thirdCopy);
    await expectSignedIn(first, user.email);
    await thirdCopy.close();
  });

  await Promise.all([first.close(), second.close(), third.close()]);
});
