// `npm run screenshots`: every screen, in Japanese and English, into docs/screenshots/.
// Starts the production build (run `npm run build` first) on a throwaway embedded database.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { generate } from "otplib";
import { type Mailbox, startMailbox } from "../e2e/security/support/mailbox";
import { freePort } from "../e2e/support/free-port";

const outputDir = path.resolve("docs/screenshots");
const viewport = { width: 1100, height: 900 };
const phoneViewport = { width: 375, height: 667 };

async function waitForServer(url: string) {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server did not answer at ${url}`);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: true });
  console.info(`wrote docs/screenshots/${name}.png`);
}

// The first admin comes from the CLI, as on a real server (README, docs/deploy.md).
const admin = { email: "admin@example.com", password: "correct horse battery admin" };

/** The path of the newest reset link mailed to `email` (the screenshots' server mails to an SMTP receiver of its own). */
async function resetLinkFor(mailbox: Mailbox, email: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const mail = mailbox.messages.filter((message) => message.envelopeTo.includes(email) && message.subject.includes("Reset your password")).at(-1);
    const link = mail && /https?:\/\/\S+\/password\/reset\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    if (link) return new URL(link).pathname + new URL(link).search;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`No reset link reached ${email}`);
}

async function requestResetLink(page: Page, email: string) {
  await page.goto("/password/forgot");
  await page.locator("form").getByRole("textbox").fill(email);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/password/forgot?sent=1");
}

async function captureLanguage(baseUrl: string, locale: "ja" | "en", mailbox: Mailbox) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: { "Accept-Language": locale }, baseURL: baseUrl });
  const email = `hanako-${locale}@example.com`;
  const password = "correct horse battery";
  const fill = (name: RegExp, value: string) => page.locator("form").getByRole("textbox", { name }).fill(value);

  await page.goto("/login");
  // "Sign in with a passkey" is drawn once the page runs (issue 17).
  await page.getByRole("button", { name: /Sign in with a passkey|パスキーでサインイン/ }).waitFor();
  await shoot(page, `${locale}-login`);
  await page.goto("/signup");
  await shoot(page, `${locale}-signup`);
  await fill(/Email|メール/, email);
  await fill(/Password|パスワード/, password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/settings");
  await shoot(page, `${locale}-settings`);
  // Issue 16: the two account changes, and the page a confirmation link opens (here one that is no longer valid).
  await page.goto("/settings/password");
  await shoot(page, `${locale}-change-password`);
  await page.goto("/settings/email");
  await shoot(page, `${locale}-change-email`);
  await page.goto(`/email/confirm?token=${"A".repeat(43)}`);
  await shoot(page, `${locale}-email-confirm-invalid`);
  await page.goto("/settings/two-factor");
  await shoot(page, `${locale}-two-factor-setup`);
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s+/g, "");
  await fill(/Security code|セキュリティコード/, await generate({ secret: key }));
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/settings/two-factor?enabled=1");
  await shoot(page, `${locale}-two-factor-enabled`);
  // Issue 17: a passkey added with Chromium's virtual authenticator, and the section listing it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.getByRole("button", { name: /^(Add a passkey|パスキーを追加)$/ }).click();
  await page.waitForURL("**/settings/two-factor?passkey=added");
  // From here on nobody touches it: /login's autofill request would otherwise sign this user in.
  await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled: false });
  await page.getByTestId("passkeys").getByRole("listitem").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(outputDir, `${locale}-two-factor-passkeys.png`) });
  await page.locator("form[action='/settings/two-factor/backup-codes'] button").click();
  await page.getByTestId("backup-codes").waitFor();
  await shoot(page, `${locale}-backup-codes`);
  // Issue 15: the confirmation centred, and on a 375-pixel phone with the activity list.
  const openConfirmation = async () => {
    await page.getByRole("button", { name: /^(Disable|解除する)$/ }).click();
    await page.getByRole("alertdialog").waitFor();
  };
  await openConfirmation();
  await page.screenshot({ path: path.join(outputDir, `${locale}-disable-confirmation.png`) });
  await page.keyboard.press("Escape");
  await page.setViewportSize(phoneViewport);
  await page.goto("/settings");
  await shoot(page, `${locale}-phone-settings`);
  await page.goto("/settings/two-factor");
  await openConfirmation();
  await page.screenshot({ path: path.join(outputDir, `${locale}-phone-disable-confirmation.png`) });
  await page.keyboard.press("Escape");
  await page.setViewportSize(viewport);
  await page.getByRole("button", { name: /Main menu|メインメニュー/ }).click();
  await shoot(page, `${locale}-main-menu`);
  await page.getByRole("button", { name: /Log out|ログアウト/ }).click();
  await page.waitForURL("**/login**");
  await fill(/Email|メール/, email);
  await fill(/Password|パスワード/, password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/login/two-factor");
  await page.getByRole("button", { name: /^(Use a passkey|パスキーを使用)$/ }).waitFor();
  await shoot(page, `${locale}-login-two-factor`);
  await page.goto("/login/backup-code");
  await shoot(page, `${locale}-login-backup-code`);

  await page.context().clearCookies();
  await page.goto("/password/forgot");
  await shoot(page, `${locale}-password-forgot`);
  await requestResetLink(page, email);
  await shoot(page, `${locale}-password-forgot-sent`);
  await page.goto(await resetLinkFor(mailbox, email));
  await shoot(page, `${locale}-password-reset-code`);
  await requestResetLink(page, admin.email);
  await page.goto(await resetLinkFor(mailbox, admin.email));
  await shoot(page, `${locale}-password-reset`);
  await page.goto("/password/reset?token=expired");
  await shoot(page, `${locale}-password-reset-invalid`);

  await page.context().clearCookies();
  await page.goto("/login");
  await fill(/Email|メール/, admin.email);
  await fill(/Password|パスワード/, admin.password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL("**/settings");
  for (const [screen, path] of [["admin-overview", "/admin"], ["admin-users", "/admin/users"], ["admin-policy", "/admin/policy"], ["admin-audit", "/admin/audit"]]) {
    await page.goto(path);
    await shoot(page, `${locale}-${screen}`);
  }
  await page.goto("/admin/users");
  await page.getByRole("link", { name: email, exact: true }).click();
  await page.waitForURL("**/admin/users/*");
  await shoot(page, `${locale}-admin-user`);
  await browser.close();
}

async function main() {
  mkdirSync(outputDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "nidan-screenshots-"));
  const port = await freePort();
  const mailbox = await startMailbox();
  const environment = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", SMTP_URL: `smtp://127.0.0.1:${mailbox.port}` };
  // Before the server opens the embedded database: it admits one process at a time.
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/user-create.ts", "--email", admin.email, "--password", admin.password, "--admin"], {
    env: environment,
    stdio: "ignore",
  });
  const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: environment,
    stdio: "ignore",
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}/login`);
    // localhost, not 127.0.0.1: a passkey's relying party is a domain, never an IP address.
    for (const locale of ["ja", "en"] as const) await captureLanguage(`http://localhost:${port}`, locale, mailbox);
  } finally {
    server.kill("SIGTERM");
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
