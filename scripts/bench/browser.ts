// Bytes to the browser and pages without JavaScript, with Chromium (Debian's; Playwright's
// own browsers cannot be downloaded here).
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { labels } from "../../e2e/support/labels";
import { type ActionSet, codeStep, pendingCookie, replayAction, sessionCookie, totpCode } from "./actions";
import type { ServerHost } from "./host";
import type { BenchUser } from "./protocol";
import { wrongBackupCode } from "./sign-in";

const l = labels.en;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Signs a user in over HTTP (with a security code when 2FA is on); returns the session cookie. */
export async function sessionFor(baseUrl: string, actions: ActionSet, user: BenchUser): Promise<string> {
  const password = await replayAction({ baseUrl, action: actions.password, values: { email: user.email, password: user.password } });
  if (password.cookies[sessionCookie]) return password.cookies[sessionCookie];
  const pending = password.cookies[pendingCookie];
  if (!pending) throw new Error(`password step for ${user.email}: status ${password.status}, redirect ${password.redirect}`);
  const code = await codeStep(baseUrl, actions.securityCode, pending, await totpCode(user));
  if (!code.ok) throw new Error(`code step for ${user.email}: status ${code.result.status}`);
  return code.result.cookies[sessionCookie];
}

export async function pendingFor(baseUrl: string, actions: ActionSet, user: BenchUser): Promise<string> {
  const password = await replayAction({ baseUrl, action: actions.password, values: { email: user.email, password: user.password } });
  const pending = password.cookies[pendingCookie];
  if (!pending) throw new Error(`password step for ${user.email}: status ${password.status}, redirect ${password.redirect}`);
  return pending;
}

export type PageBytes = {
  name: string;
  path: string;
  status: number;
  /** Sum of the encoded (as transferred) bodies of the JavaScript responses. */
  jsTransferBytes: number;
  jsDecodedBytes: number;
  scripts: { url: string; transferBytes: number; encoding: string }[];
  /** A sanity check that the page is the one meant (not an error or the expired-sign-in page). */
  expectedTextFound: boolean;
};

async function newContext(browser: Browser, baseUrl: string, cookies: Record<string, string>, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "Accept-Language": "en" }, acceptDownloads: true });
  const url = new URL(baseUrl);
  await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" as const })));
  return context;
}

/** Loads a page in a fresh context (empty cache) and sums the JavaScript it made the browser fetch. */
export async function measurePageBytes(options: {
  browser: Browser;
  baseUrl: string;
  name: string;
  path: string;
  cookies?: Record<string, string>;
  expectText: string | RegExp;
}): Promise<PageBytes> {
  const context = await newContext(options.browser, options.baseUrl, options.cookies ?? {});
  const page = await context.newPage();
  const finished: Promise<PageBytes["scripts"][number] & { decoded: number }>[] = [];
  page.on("requestfinished", (request) => {
    finished.push(
      (async () => {
        const response = await request.response();
        const type = response?.headers()["content-type"] ?? "";
        if (request.resourceType() !== "script" && !type.includes("javascript")) return { url: "", transferBytes: 0, encoding: "", decoded: 0 };
        const sizes = await request.sizes();
        const body = await response?.body().catch(() => Buffer.alloc(0));
        return { url: request.url(), transferBytes: sizes.responseBodySize, encoding: response?.headers()["content-encoding"] ?? "identity", decoded: body?.length ?? 0 };
      })(),
    );
  });
  const response = await page.goto(`${options.baseUrl}${options.path}`, { waitUntil: "networkidle" });
  const expectedTextFound = await page
    .getByText(options.expectText)
    .first()
    .isVisible()
    .catch(() => false);
  const scripts = (await Promise.all(finished)).filter((script) => script.url);
  await context.close();
  return {
    name: options.name,
    path: options.path,
    status: response?.status() ?? 0,
    jsTransferBytes: scripts.reduce((sum, script) => sum + script.transferBytes, 0),
    jsDecodedBytes: scripts.reduce((sum, script) => sum + script.decoded, 0),
    scripts: scripts.map(({ url, transferBytes, encoding }) => ({ url: new URL(url).pathname, transferBytes, encoding })),
    expectedTextFound,
  };
}

export type NoScriptCheck = { name: string; path: string; works: boolean; detail: string };

async function check(name: string, path: string, run: () => Promise<string>): Promise<NoScriptCheck> {
  try {
    return { name, path, works: true, detail: await run() };
  } catch (error) {
    return { name, path, works: false, detail: error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error) };
  }
}

async function expectUrl(page: Page, pattern: RegExp) {
  await page.waitForURL(pattern, { timeout: 15_000 });
}

/**
 * Each page's form submitted with JavaScript off, as a plain form post, and its outcome checked:
 * the password leads to the code step, a security code or backup code signs in, a code turns
 * 2FA on, and "Download backup codes" downloads ten codes.
 */
export async function checkPagesWithoutJavaScript(options: {
  browser: Browser;
  host: ServerHost;
  actions: ActionSet;
  twoFactorUser: BenchUser;
  backupCodeUser: BenchUser;
  setupUser: BenchUser;
}): Promise<NoScriptCheck[]> {
  const { browser, host } = options;
  const baseUrl = host.baseUrl;
  const results: NoScriptCheck[] = [];

  const signInContext = await newContext(browser, baseUrl, {}, false);
  const page = await signInContext.newPage();
  results.push(
    await check("Log in", "/login", async () => {
      await page.goto(`${baseUrl}/login`);
      await page.getByRole("textbox", { name: l.emailAddress }).fill(options.twoFactorUser.email);
      await page.getByRole("textbox", { name: l.password }).fill(options.twoFactorUser.password);
      await page.getByRole("button", { name: l.logIn }).click();
      await expectUrl(page, /\/login\/two-factor$/);
      await page.getByRole("textbox", { name: l.securityCode }).waitFor();
      return "password → /login/two-factor";
    }),
  );
  results.push(
    await check("Security code", "/login/two-factor", async () => {
      if (!/\/login\/two-factor$/.test(page.url())) throw new Error("the password step did not work");
      await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCode(options.twoFactorUser));
      await page.getByRole("button", { name: l.logIn }).click();
      await expectUrl(page, /\/settings$/);
      return "security code → /settings";
    }),
  );
  await signInContext.close();

  const backupContext = await newContext(browser, baseUrl, { [pendingCookie]: await pendingFor(baseUrl, options.actions, options.backupCodeUser) }, false);
  const backupPage = await backupContext.newPage();
  results.push(
    await check("Backup code", "/login/backup-code", async () => {
      const codes = options.backupCodeUser.backupCodes ?? [];
      await backupPage.goto(`${baseUrl}/login/backup-code`);
      await backupPage.getByRole("textbox", { name: l.backupCode }).fill(wrongBackupCode(codes));
      await backupPage.getByRole("button", { name: l.logIn }).click();
      await backupPage.getByText(l.invalidBackupCode).waitFor({ timeout: 15_000 });
      await backupPage.getByRole("textbox", { name: l.backupCode }).fill(codes[0]);
      await backupPage.getByRole("button", { name: l.logIn }).click();
      await expectUrl(backupPage, /\/settings$/);
      return "wrong code → message; backup code → /settings";
    }),
  );
  await backupContext.close();

  const setupContext = await newContext(browser, baseUrl, { [sessionCookie]: await sessionFor(baseUrl, options.actions, options.setupUser) }, false);
  const setupPage = await setupContext.newPage();
  results.push(
    await check("Two-factor setup (off)", "/settings/two-factor", async () => {
      await setupPage.goto(`${baseUrl}/settings/two-factor`);
      await setupPage.getByRole("img", { name: l.qrCode }).waitFor();
      await setupPage.getByRole("textbox", { name: l.securityCode }).fill(await totpCode(options.setupUser));
      await setupPage.getByRole("button", { name: l.verify }).click();
      await setupPage.getByText(l.enabledNotice).waitFor({ timeout: 15_000 });
      return "security code → “enabled”";
    }),
  );
  results.push(
    await check("Two-factor settings (on)", "/settings/two-factor", async () => {
      const downloadPromise = setupPage.waitForEvent("download", { timeout: 15_000 });
      await setupPage.getByRole("button", { name: l.downloadBackupCodes }).click();
      const download = await downloadPromise;
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const codes = Buffer.concat(chunks)
        .toString("utf8")
        .split("\n")
        .filter((line) => /^\d{8}$/.test(line));
      if (codes.length !== 10) throw new Error(`the download held ${codes.length} codes`);
      return "Download backup codes → a file of 10 codes";
    }),
  );
  await setupContext.close();
  return results;
}
