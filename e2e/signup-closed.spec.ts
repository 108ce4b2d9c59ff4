import { expect, test } from "@playwright/test";
import { labels, labelsFor } from "./support/labels";
import { type OwnServer, startOwnServer } from "./support/own-server";

// SPEC §2: sign-up can be turned off by the admin (ALLOW_SIGNUP=false), and DEFAULT_LOCALE
// decides the language when the browser states no supported one. A server of its own.
let server: OwnServer;

test.beforeAll(async () => {
  // Starting a second production server takes seconds, more on a loaded two-core machine.
  test.setTimeout(180_000);
  server = await startOwnServer({ ALLOW_SIGNUP: "false", DEFAULT_LOCALE: "en" });
});
test.afterAll(async () => {
  await server?.stop();
});

const signupClosedMessage = {
  en: "Sign-up is turned off on this server.",
  ja: "このサーバーではアカウントの新規作成が無効になっています。",
};

test("with ALLOW_SIGNUP=false, /signup says so, has no form, and the login page does not offer it", async ({ browser }, testInfo) => {
  // The project's own language (its locale and Accept-Language come with newContext).
  const language = testInfo.project.name === "ja" ? "ja" : "en";
  const l = labelsFor(testInfo);
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await page.goto("/signup");
  await expect(page.getByText(signupClosedMessage[language])).toBeVisible();
  await expect(page.getByRole("button", { name: l.createAccount })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();
  await expect(page.getByRole("link", { name: l.createAccountLink })).toHaveCount(0);
  await context.close();
});

test("with DEFAULT_LOCALE=en, a browser asking for neither language gets English", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr, de;q=0.8" } });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: labels.en.logIn })).toBeVisible();
  await context.close();
});
