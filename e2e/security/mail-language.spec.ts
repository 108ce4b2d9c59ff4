import { enableTwoFactor, newTestUser, signUp } from "../support/flows";
import { labels, languageButtons } from "../support/labels";
import { l, newBrowserContext } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 15, point 5: a security mail is written in its user's language alone — the one they last
// used. Signed up from an English page, then switched to 日本語 while signed in: the mail that
// follows (two-factor turned on) is Japanese, with no English line.

test("after switching to Japanese while signed in, the next security mail is in Japanese alone", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(120_000);
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();
  const user = await signUp(page, l, newTestUser());
  await page.getByRole("button", { name: languageButtons.ja }).click();
  await expect(page.getByRole("heading", { level: 1, name: labels.ja.personalSettings })).toBeVisible();
  await enableTwoFactor(page, labels.ja);

  const mailsToUser = () => securityServer.smtpMessages.filter((mail) => mail.envelopeTo.includes(user.email.toLowerCase()));
  await expect.poll(() => mailsToUser().length).toBe(1);
  const [mail] = mailsToUser();
  expect(mail.subject).toBe("[Nidan] 2要素認証が有効化されました");
  expect(mail.text).toContain("お使いのアカウントで2要素認証が有効化されました。");
  expect(mail.text).not.toMatch(/\b(?:Two-factor|When|address)\b/);
  await context.close();
});
