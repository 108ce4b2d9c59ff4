import { languageButtons } from "../support/labels";
import { newBrowserContext } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 5: the language switcher sends the browser back to the Referer's path. A
// Referer of this host whose path starts with `//` or `/\` (a 404 page of this site, reached
// from a link an attacker sent) made it redirect to another host.

test("the language switcher never redirects to another host, whatever the Referer's path", async ({ browser, baseURL }) => {
  const origin = baseURL!;
  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  await page.goto("/login");
  const switchToJapanese = await captureServerAction(page, () => page.getByRole("button", { name: languageButtons.ja }).click(), { abort: true });

  await test.step("a page of this site: back to it", async () => {
    const reply = await replayServerAction(context.request, switchToJapanese, { headers: { referer: `${origin}/login?signedOut=1` } });
    expect(reply.redirect).toMatch(/^\/login\?signedOut=1(;|$)/);
  });

  for (const path of ["//evil.example/", "///evil.example/", "/\\evil.example/", "/%2F%2Fevil.example/"]) {
    await test.step(`Referer path ${path}: back to the start page of this site`, async () => {
      const reply = await replayServerAction(context.request, switchToJapanese, { headers: { referer: `${origin}${path}` } });
      expect(reply.redirect, "x-action-redirect").not.toBeNull();
      expect(reply.redirect).not.toMatch(/^\/[/\\]/);
      expect(new URL(reply.redirect!.split(";")[0], origin).origin).toBe(origin);
    });
  }

  await test.step("in the browser: the switcher on this site's 404 page at //evil.example/ stays on this site", async () => {
    await page.goto(`${origin}//evil.example/`);
    await page.getByRole("button", { name: languageButtons.ja }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    expect(new URL(page.url()).origin).toBe(origin);
    expect(new URL(page.url()).pathname).not.toMatch(/^\/[/\\]/);
  });

  await context.close();
});
