import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import {
  downloadBackupCodes,
  enableTwoFactor,
  logOut,
  passPasswordStep,
  readKeyFromScreen,
  signUp,
  submitPassword,
} from "./support/flows";
import { languageButtons, labels, labelsFor } from "./support/labels";
import { e2eBaseUrl } from "./support/server";
import { totpCodeFor } from "./support/totp";

type Language = keyof typeof languageButtons;

function projectLanguage(testInfo: { project: { name: string } }): Language {
  return testInfo.project.name === "ja" ? "ja" : "en";
}

function otherLanguage(language: Language): Language {
  return language === "ja" ? "en" : "ja";
}

async function switchLanguage(page: Page, to: Language) {
  await page.getByRole("banner").getByRole("button", { name: languageButtons[to] }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

/** The page's `lang`, fetched with Node's http client, which sends no Accept-Language unless told. */
function htmlLangWithHeaders(path: string, headers: Record<string, string>): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, e2eBaseUrl), { headers }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(/<html[^>]*\blang="([^"]+)"/.exec(body)?.[1]));
      })
      .on("error", reject);
  });
}

test("Accept-Language chooses the language of the pages", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", projectLanguage(testInfo));
  await expect(page.getByRole("textbox", { name: l.emailAddress })).toBeVisible();
  await expect(page.getByRole("textbox", { name: l.password })).toBeVisible();
  await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();
  await page.goto("/signup");
  await expect(page.getByRole("button", { name: l.createAccount })).toBeVisible();
});

test("without a usable Accept-Language the pages are in Japanese", async ({ browser }) => {
  const l = labels.ja;
  expect(await htmlLangWithHeaders("/login", {})).toBe("ja");
  // In a browser that asks for languages Nidan does not have.
  const context = await browser.newContext({ baseURL: e2eBaseUrl, locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR, de;q=0.8" } });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("button", { name: l.logIn })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the language switcher is on every page; the choice is remembered and overrides Accept-Language", async ({ page, context }, testInfo) => {
  const from = projectLanguage(testInfo);
  const to = otherLanguage(from);

  const user = await signUp(page, labels[from]);
  const key = await enableTwoFactor(page, labels[from]);
  await logOut(page, labels[from]);
  await passPasswordStep(page, labels[from], user);
  for (const path of ["/login/backup-code", "/login", "/signup", "/login/two-factor"]) {
    await page.goto(path);
    const banner = page.getByRole("banner");
    await expect(banner.getByRole("button", { name: languageButtons.en })).toBeVisible();
    await expect(banner.getByRole("button", { name: languageButtons.ja })).toBeVisible();
  }

  // On the security code step: the switch keeps the page and the pending step.
  await switchLanguage(page, to);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByRole("textbox", { name: labels[to].securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
  await page.getByRole("button", { name: labels[to].logIn }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // Remembered across pages, though the browser still asks for the project's language.
  const cookie = (await context.cookies()).find((candidate) => candidate.name === "NEXT_LOCALE");
  expect(cookie?.value).toBe(to);
  for (const path of ["/settings", "/settings/two-factor"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", to);
    await expect(page.getByRole("banner").getByRole("button", { name: languageButtons[from] })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: labels[to].downloadBackupCodes })).toBeVisible();
  await page.getByRole("button", { name: labels[to].mainMenu }).click();
  await page.getByRole("button", { name: labels[to].logOut }).click();
  await expect(page.getByRole("button", { name: labels[to].logIn })).toBeVisible();

  // And back.
  await switchLanguage(page, from);
  await expect(page.getByRole("button", { name: labels[from].logIn })).toBeVisible();
  await page.goto("/signup");
  await expect(page.getByRole("button", { name: labels[from].createAccount })).toBeVisible();
});

test("the Japanese screens use the help page's words", async ({ page }, testInfo) => {
  const l = labels.ja;
  await page.goto("/login");
  if (projectLanguage(testInfo) === "en") await switchLanguage(page, "ja");

  // ログイン画面: 「メールアドレス」「パスワード」「ログイン」
  await expect(page.getByRole("textbox", { name: "メールアドレス" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "パスワード" })).toBeVisible();
  await expect(page.getByRole("button", { name: "ログイン" })).toBeVisible();

  const user = await signUp(page, l);
  // 「画面右上の「メインメニュー」の「個人設定」をクリックします。」
  await page.getByRole("button", { name: "メインメニュー" }).click();
  await page.getByRole("link", { name: "個人設定" }).click();
  await expect(page.getByRole("heading", { name: "個人設定" })).toBeVisible();
  await expect(page.getByText("安全にご利用いただくためにも、2要素認証の設定をおすすめします。")).toBeVisible();
  // 「「個人設定」から「2要素認証を設定する」をクリックします。」
  await page.getByRole("link", { name: "2要素認証を設定する" }).click();

  // 「2要素認証有効化」画面: QRコード, 「アカウント」と「キー」, 「セキュリティコード」, 「認証する」
  await expect(page.getByRole("heading", { name: "2要素認証有効化" })).toBeVisible();
  await expect(page.getByText("iOSをお使いの方: Google Authenticator")).toBeVisible();
  await expect(page.getByText("Androidをお使いの方: Google Authenticator")).toBeVisible();
  await expect(page.getByRole("img", { name: "QRコード" })).toBeVisible();
  await expect(page.getByText("アカウント", { exact: true }).locator("xpath=following-sibling::*[1]")).toHaveText(user.email);
  const key = await readKeyFromScreen(page, l);
  await page.getByRole("textbox", { name: "セキュリティコード" }).fill(await totpCodeFor({ key }));
  await page.getByRole("button", { name: "認証する" }).click();

  // 「「2要素認証が有効化されました。」が表示され、2要素認証が「有効」になっていれば設定完了です。」
  await expect(page.getByText("2要素認証が有効化されました。")).toBeVisible();
  await expect(page.getByText("有効", { exact: true })).toBeVisible();
  // 「「バックアップコードをダウンロード」をクリックします。」
  await expect(page.getByRole("button", { name: "バックアップコードをダウンロード" })).toBeVisible();
  const { codes } = await downloadBackupCodes(page, l);
  await expect(page.getByText("バックアップコードの残り：10個（全10個中）")).toBeVisible();

  // 「「解除する」をクリックします。確認画面が表示されるので、「OK」をクリックします。」(here: cancelled)
  await page.getByRole("button", { name: "解除する" }).click();
  const confirmation = page.getByRole("alertdialog");
  await expect(confirmation.getByRole("button", { name: "OK" })).toBeVisible();
  await confirmation.getByRole("button", { name: "キャンセル" }).click();

  // 「2要素認証設定後にログインする」: 「セキュリティコード(6桁)」「ログイン」
  await logOut(page, l);
  await submitPassword(page, l, user);
  await expect(page.getByText("認証アプリに表示されるセキュリティコード(6桁)を入力してください。")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "セキュリティコード" })).toBeVisible();
  await expect(page.getByRole("button", { name: "ログイン" })).toBeVisible();
  // 「「バックアップコードを使用してログインする」をクリックします。」「バックアップコード(8桁)を入力し、「ログイン」」
  await page.getByRole("link", { name: "バックアップコードを使用してログインする" }).click();
  await expect(page.getByText("バックアップコード(8桁)を入力してください。", { exact: false })).toBeVisible();
  await page.getByRole("textbox", { name: "バックアップコード" }).fill(codes[0]);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/settings$/);

  // 「2要素認証を解除する」
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: "解除する" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByText("無効", { exact: true })).toBeVisible();
});
