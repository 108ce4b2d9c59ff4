import type { APIResponse } from "@playwright/test";
import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 3 item 6: in production over HTTPS every cookie is Secure and prefixed (`__Host-` for the
// pending sign-in, `__Secure-` for next-auth's session). The suite's server speaks plain HTTP, so
// the requests say what a TLS-terminating proxy says: `X-Forwarded-Proto: https`.

const https = { "x-forwarded-proto": "https" };

function setCookie(response: APIResponse, name: string): string {
  const line = response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value)
    .find((value) => value.startsWith(`${name}=`));
  expect(line, `Set-Cookie ${name}`).toBeDefined();
  return line!;
}

function expectHardenedCookie(line: string) {
  const attributes = line.split(";").map((attribute) => attribute.trim().toLowerCase());
  expect(attributes).toContain("secure");
  expect(attributes).toContain("httponly");
  expect(attributes).toContain("samesite=lax");
  expect(attributes).toContain("path=/");
  expect(attributes.some((attribute) => attribute.startsWith("domain="))).toBe(false);
}

test("behind HTTPS the pending sign-in and session cookies are Secure, HttpOnly, SameSite=Lax and prefixed", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: false });

  // The password step, as the browser posts it, replayed as if it came through HTTPS.
  const passwordBrowser = await newBrowserContext(browser, origin);
  const passwordPage = await passwordBrowser.newPage();
  await passwordPage.goto("/login");
  await passwordPage.getByRole("textbox", { name: l.emailAddress }).fill(account.user.email);
  await passwordPage.getByRole("textbox", { name: l.password }).fill(account.user.password);
  const passwordAction = await captureServerAction(passwordPage, () => passwordPage.getByRole("button", { name: l.logIn }).click(), { abort: true });
  const passwordReply = await replayServerAction(passwordBrowser.request, passwordAction, { headers: https });
  expect(passwordReply.redirect).toContain("/login/two-factor");
  const pendingCookie = setCookie(passwordReply.response, "__Host-nidan-pending-login");
  expectHardenedCookie(pendingCookie);
  await passwordBrowser.close();

  // The code step reads the prefixed cookie only: the browser's plain one (from its HTTP
  // password step) is ignored once the request is HTTPS, and the prefixed one lets it in.
  const { context, page } = await browserAtCodeStep(browser, origin, account.user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key: account.key, stepOffset: 1 }));
  const codeAction = await captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: true });
  const withPlainCookieOnly = await replayServerAction(context.request, codeAction, { headers: https });
  expect(withPlainCookieOnly.redirect ?? "", "the plain cookie does not count over HTTPS").not.toContain("/settings");

  const pendingValue = pendingCookie.slice(pendingCookie.indexOf("=") + 1, pendingCookie.indexOf(";"));
  const codeReply = await replayServerAction(context.request, codeAction, {
    headers: { ...https, cookie: `__Host-nidan-pending-login=${pendingValue}` },
  });
  expect(codeReply.redirect).toContain("/settings");
  expectHardenedCookie(setCookie(codeReply.response, "__Secure-authjs.session-token"));
  await context.close();
});
