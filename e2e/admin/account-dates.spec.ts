import { accountChangeLabels } from "../support/account-change-labels";
import { changePassword, confirmationPathIn, requestEmailChange } from "../support/account-change-flows";
import { logIn, newTestUser, signUp } from "../support/flows";
import { newPersonPage, openUserPage, userFact } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Issue 16 §5: the admin's user page says whether the address is confirmed and when the password
// last changed — "never" until the user changes them, a date afterwards.

const facts = {
  en: { confirmed: "Email address confirmed", notConfirmed: "Not confirmed", changed: "Password last changed", neverChanged: "Never changed since sign-up" },
  ja: { confirmed: "メールアドレスの確認", notConfirmed: "未確認", changed: "パスワードの最終変更", neverChanged: "作成後の変更なし" },
};

test("the user page shows the address unconfirmed and the password unchanged, then the dates of both changes", async ({ page, browser, adminServer }, testInfo) => {
  test.setTimeout(180_000);
  const { l, al } = labelsForAdmin(testInfo);
  const ja = testInfo.project.use.locale?.startsWith("ja");
  const f = ja ? facts.ja : facts.en;
  const a = ja ? accountChangeLabels.ja : accountChangeLabels.en;
  await logIn(page, l, adminServer.admin);

  const personPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const person = await signUp(personPage, l, newTestUser());
  await openUserPage(page, al, person.email);
  await expect(userFact(page, f.confirmed)).toHaveText(f.notConfirmed);
  await expect(userFact(page, f.changed)).toHaveText(f.neverChanged);

  const next = `${person.password}-next`;
  await changePassword(personPage, a, { current: person.password, next });
  await expect(personPage).toHaveURL(/passwordChanged=1/);
  const email = `new-${crypto.randomUUID()}@example.test`;
  await requestEmailChange(personPage, a, { email, current: next });
  // This server has no SMTP_URL: the link is in its log (ADR 0017).
  await expect.poll(() => adminServer.serverLog().includes(`link for ${email}:`)).toBe(true);
  const line = adminServer.serverLog().split("\n").find((text) => text.includes(`link for ${email}:`))!;
  await personPage.goto(confirmationPathIn(line));
  await personPage.getByRole("button", { name: a.confirmEmail }).click();
  await expect(personPage.getByRole("status")).toContainText(a.emailChanged);

  await openUserPage(page, al, email);
  await expect(userFact(page, f.confirmed)).toHaveText(/\d/);
  await expect(userFact(page, f.changed)).toHaveText(/\d/);
  await personPage.context().close();
});
