import type { APIResponse } from "@playwright/test";
import { logInWithSecurityCode } from "../support/flows";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 3 item 6 (browser hardening) and item 7 / CVE-2025-29927 (a request that claims to be a
// middleware subrequest must not skip anything).

function expectHardened(response: APIResponse, html: string, label: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
  expect(nonce, `${label}: a script nonce in ${csp}`).toBeTruthy();
  expect(csp, label).toMatch(/(^|;\s*)frame-ancestors 'none'/);
  expect(csp, label).toMatch(/(^|;\s*)object-src 'none'/);
  expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'(?![^;]*'nonce-)/);
  // The page's scripts carry that very nonce, and none runs without it.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length, label).toBeGreaterThan(0);
  for (const script of scripts) expect(script, label).toContain(`nonce="${nonce}"`);
  expect(headers["referrer-policy"], label).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  expect(headers["permissions-policy"], label).toMatch(/camera=\(\)/);
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  return nonce!;
}

function expectNoStore(response: APIResponse, label: string) {
  expect(response.headers()["cache-control"] ?? "", label).toMatch(/(^|,\s*)no-store(,|$)/);
}

test("every auth page sends a nonce CSP with frame-ancestors 'none', the other hardening headers and no-store; cookies are HttpOnly and SameSite=Lax", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: false });

  await test.step("signed out", async () => {
    const context = await newBrowserContext(browser, origin);
    const nonces = new Set<string>();
    for (const path of ["/login", "/signup", "/login/two-factor", "/login/backup-code"]) {
      const response = await context.request.get(path);
      expect(response.status(), path).toBe(200);
      nonces.add(expectHardened(response, await response.text(), path));
      expectNoStore(response, path);
    }
    // A fresh nonce per response.
    expect(nonces.size).toBe(4);
    await context.close();
  });

  await test.step("at the code step", async () => {
    const { context, page } = await browserAtCodeStep(browser, origin, account.user);
    const pending = (await context.cookies()).find((cookie) => cookie.name === "nidan-pending-login");
    expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    for (const path of ["/login/two-factor", "/login/backup-code"]) {
      const response = await context.request.get(path);
      expect(await response.text()).toContain(path === "/login/two-factor" ? l.twoFactorStepIntro : l.backupCodeStepIntro);
      expectHardened(response, await response.text(), `${path} (pending)`);
      expectNoStore(response, `${path} (pending)`);
    }
    // What the browser itself enforces: the policy blocks framing the page.
    const framed = await page.evaluate(async () => {
      const frame = document.createElement("iframe");
      frame.src = "/login";
      document.body.append(frame);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      try {
        return frame.contentDocument?.querySelector("form") ? "rendered" : "blocked";
      } catch {
        return "blocked";
      }
    });
    expect(framed).toBe("blocked");
    await context.close();
  });

  await test.step("signed in", async () => {
    const context = await newBrowserContext(browser, origin);
    const page = await context.newPage();
    await logInWithSecurityCode(page, l, account.user, account.key);
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    for (const path of ["/settings", "/settings/two-factor"]) {
      const response = await context.request.get(path);
      expect(response.url(), path).toContain(path);
      expectHardened(response, await response.text(), path);
      if (path === "/settings/two-factor") expectNoStore(response, path);
    }
    const download = await context.request.post("/settings/two-factor/backup-codes", { headers: { origin, accept: "application/json" }, form: {} });
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expectNoStore(download, "the backup-code download");
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    await context.close();
  });
});

test("a request claiming to be a middleware subrequest still gets no signed-in page", async ({ browser, baseURL }) => {
  const origin = baseURL!;
  const claims = [
    "middleware",
    "middleware:middleware:middleware:middleware:middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  ];
  for (const claim of claims) {
    await test.step(claim, async () => {
      const context = await newBrowserContext(browser, origin, { "x-middleware-subrequest": claim });
      for (const path of ["/settings", "/settings/two-factor"]) {
        const response = await context.request.get(path, { maxRedirects: 0 });
        expect(response.status(), path).toBeGreaterThanOrEqual(300);
        expect(response.status(), path).toBeLessThan(400);
        expect(new URL(response.headers()["location"], origin).pathname, path).toBe("/login");
        // The proxy still ran: its Content-Security-Policy is there.
        expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
      }
      const download = await context.request.post("/settings/two-factor/backup-codes", {
        headers: { origin, accept: "application/json" },
        form: {},
        maxRedirects: 0,
        failOnStatusCode: false,
      });
      expect(download.headers()["content-disposition"]).toBeUndefined();
      expect(await download.text()).not.toMatch(/\d{8}/);
      // In a browser: the page a person would get.
      const page = await context.newPage();
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("textbox", { name: l.emailAddress })).toBeVisible();
      await context.close();
    });
  }
});
