import { signUp } from "../support/flows";
import { l, newBrowserContext } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 5: next-auth's own POST /api/auth/signout cleared the cookie but left the
// Session row alive, so a copy of the cookie taken before still signed in. The route must end
// the row the cookie names, as the app's own "Log out" does.

test("POST /api/auth/signout ends the server-side session: a copied cookie no longer signs in", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const owner = await newBrowserContext(browser, origin);
  const ownerPage = await owner.newPage();
  const user = await signUp(ownerPage, l);

  const copy = await newBrowserContext(browser, origin);
  await copy.addCookies(await owner.cookies());
  const copyPage = await copy.newPage();
  await copyPage.goto("/settings");
  await expect(copyPage.getByRole("main").getByText(user.email)).toBeVisible();

  await test.step("the owner's browser signs out through next-auth's endpoint, with its CSRF token", async () => {
    const { csrfToken } = (await (await owner.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const reply = await owner.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
    expect(reply.status()).toBe(302);
    expect((await owner.cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
  });

  await test.step("the copied cookie reaches no signed-in page", async () => {
    expect((await copy.cookies()).map((cookie) => cookie.name)).toContain("authjs.session-token");
    await copyPage.goto("/settings");
    await expect(copyPage).toHaveURL(/\/login$/);
    await expect(copyPage.getByRole("button", { name: l.mainMenu })).toHaveCount(0);
  });

  const sessions = await securityServer.withDatabase((query) =>
    query<{ revokedAt: Date | null }>(`SELECT s."revokedAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = $1`, [user.email]),
  );
  expect(sessions).toHaveLength(1);
  expect(sessions[0].revokedAt).toBeInstanceOf(Date);

  await Promise.all([owner.close(), copy.close()]);
});
