import { defineConfig, devices } from "@playwright/test";
import type { SecurityOptions } from "./e2e/security/support/server-fixture";
import { e2eBaseUrl, e2ePort, e2eServerEnvironment } from "./e2e/support/server";

const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** Projects left out of this run (scripts/test.sh: each engine runs the attack suite in one configuration). */
const skippedProjects = (process.env.E2E_SKIP_PROJECTS ?? "").split(",").filter(Boolean);

const phone = { ...devices["Desktop Chrome"], viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

export default defineConfig<SecurityOptions>({
  testDir: "./e2e",
  // One folder per run: runs side by side (other checkouts, benchmarks) never delete each other's traces.
  outputDir: `test-results/run-${e2ePort}`,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  // E2E_JSON_REPORT=path also writes each test's duration (how CI time is kept under 45 minutes).
  reporter: process.env.E2E_JSON_REPORT ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]] : [["list"]],
  timeout: 60_000,
  // Two cores run the server, argon2 and two browsers at once: allow a slow second.
  expect: { timeout: 15_000 },
  use: {
    baseURL: e2eBaseUrl,
    // Recording a trace for every test costs about a quarter of the suite's CPU (measured: 47 s
    // against 34 s for the two 2FA specs); CI keeps only the log, so it records none.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: "en", testIgnore: ["security/**", "cluster/**", "keyboard/**", "no-javascript/**", "phone/**"], use: { ...devices["Desktop Chrome"], locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } } },
    // Japanese: the help page's flows and the QA contract's names, read in Japanese. What does not
    // depend on the language (input normalisation, the admin area, focus and dark mode) is walked
    // in English, and lib/i18n/catalogues.test.ts keeps every English message's Japanese twin.
    {
      name: "ja",
      testMatch: ["accounts.spec.ts", "sign-in.spec.ts", "password-reset.spec.ts", "password-rules.spec.ts", "enable-two-factor.spec.ts", "disable-two-factor.spec.ts", "backup-codes.spec.ts", "languages.spec.ts", "usability/accessibility.spec.ts", "account-changes.spec.ts", "passkeys.spec.ts"],
      use: { ...devices["Desktop Chrome"], locale: "ja-JP", extraHTTPHeaders: { "Accept-Language": "ja" } },
    },
    // The attack suite, in the configuration a newcomer runs (no TRUSTED_PROXY_HEADER: the server
    // knows no client address) and behind a proxy that names the client in X-Forwarded-For.
    { name: "security-default", testMatch: "security/**/*.spec.ts", use: { ...devices["Desktop Chrome"], locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" }, trustedProxyHeader: null } },
    { name: "security-proxy", testMatch: "security/**/*.spec.ts", use: { ...devices["Desktop Chrome"], locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" }, trustedProxyHeader: "x-forwarded-for" } },
    // Issue 7.2: the help page's flows with Tab, Enter and Space only, in both languages.
    { name: "keyboard-en", testMatch: "keyboard/**/*.spec.ts", use: { ...devices["Desktop Chrome"], locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } } },
    { name: "keyboard-ja", testMatch: "keyboard/**/*.spec.ts", use: { ...devices["Desktop Chrome"], locale: "ja-JP", extraHTTPHeaders: { "Accept-Language": "ja" } } },
    // Issue 7.5: a 375×667 phone with touch, in both languages.
    { name: "phone-en", testMatch: "phone/**/*.spec.ts", use: { ...phone, locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } } },
    { name: "phone-ja", testMatch: "phone/**/*.spec.ts", use: { ...phone, locale: "ja-JP", extraHTTPHeaders: { "Accept-Language": "ja" } } },
    // Issue 7.4: every form as a plain HTML form post, JavaScript off, in both languages.
    {
      name: "no-javascript-en",
      testMatch: "no-javascript/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } },
    },
    {
      name: "no-javascript-ja",
      testMatch: "no-javascript/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, locale: "ja-JP", extraHTTPHeaders: { "Accept-Language": "ja" } },
    },
    // Issue 4: two `next start` processes over a PostgreSQL server of their own, which one test
    // stops and starts (e2e/cluster/support/cluster-fixture.ts). One worker: one cluster at a time.
    {
      name: "cluster",
      testMatch: "cluster/**/*.spec.ts",
      fullyParallel: false,
      workers: 1,
      timeout: 300_000,
      use: { ...devices["Desktop Chrome"], locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } },
    },
  ].filter((project) => !skippedProjects.includes(project.name!)),
  webServer: {
    command: "node e2e/support/start-server.mjs",
    url: `${e2eBaseUrl}/login`,
    env: e2eServerEnvironment,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
