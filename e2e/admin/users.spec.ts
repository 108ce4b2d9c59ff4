import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { logIn, logOut, signUpWithBackupCodes } from "../support/flows";
import { formFields, newPersonPage, openUserPage, userFact } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Accounts made through the real sign-up form, posted as a browser without JavaScript would
 * post it (21 typed sign-ups would take minutes); `fields` are the form's own hidden fields.
 */
async function signUpByForm(request: APIRequestContext, options: { fields: Record<string, string>; emails: string[]; baseURL: string }) {
  for (const email of options.emails) {
    const response = await request.post("/signup", {
      multipart: { ...options.fields, email, password: `pw-${randomUUID()}` },
      headers: { origin: options.baseURL },
      maxRedirects: 0,
    });
    expect(response.status(), `sign-up of ${email}`).toBeLessThan(400);
  }
}

test("users are found by any part of their email address and paged 20 at a time", async ({ page, playwright, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const tag = randomUUID().slice(0, 8);
  const emails = Array.from({ length: 21 }, (_, index) => `paged-${tag}-${String(index).padStart(2, "0")}@example.test`);
  await page.goto("/signup");
  const fields = await formFields(page.locator("form").filter({ has: page.getByRole("button", { name: l.createAccount }) }));
  const anonymous = await playwright.request.newContext({ baseURL: adminServer.baseURL });
  await signUpByForm(anonymous, { fields, emails, baseURL: adminServer.baseURL });
  await anonymous.dispose();

  await logIn(page, l, adminServer.admin);
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: al.searchByEmail }).fill(`PAGED-${tag.toUpperCase()}`);
  await page.getByRole("button", { name: al.search, exact: true }).click();
  await expect(page.getByTestId("user-count")).toHaveText(al.userCount(21));
  const emailLinks = page.getByRole("rowheader").getByRole("link");
  await expect(emailLinks).toHaveCount(20);
  await expect(emailLinks.first()).toHaveText(emails[20]);
  await page.getByRole("link", { name: al.next }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(emailLinks).toHaveText([emails[0]]);
  await page.getByRole("link", { name: al.previous }).click();
  await expect(emailLinks).toHaveCount(20);
});

test("each user shows 2FA on or off, backup codes left, last login and lock", async ({ page, browser, adminServer }, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  const userPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const { user } = await signUpWithBackupCodes(userPage, l);
  await userPage.context().close();

  await logIn(page, l, adminServer.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: user.email }) });
  await expect(row.getByRole("cell")).toHaveText([al.user, /\d/, al.on, al.authenticatorApp, "10", /\d/, al.notLocked]);

  await openUserPage(page, al, adminServer.admin.email);
  await expect(userFact(page, al.role)).toHaveText(al.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(adminServer.admin.email)}`);
  const adminRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: adminServer.admin.email }) });
  await expect(adminRow.getByRole("cell").nth(2)).toHaveText(al.off);
  await expect(adminRow.getByRole("cell").nth(3)).toHaveText("—");
  await logOut(page, l);
});
