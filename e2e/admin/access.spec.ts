import type { Page } from "@playwright/test";
import { enableTwoFactor, logIn, logOut, signUp } from "../support/flows";
import { formFields, lockByWrongCodes, newPersonPage, openUserPage, section, userFact, withoutJavaScript } from "./support/admin-flows";
import { labelsForAdmin } from "./support/admin-labels";
import { expect, test } from "./support/admin-server";

// Several accounts signed up and signed in through the UI, often two browsers, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

/** The user's id, from the address of their admin page. */
function userIdFrom(page: Page): string {
  const id = /\/admin\/users\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a user page: ${page.url()}`);
  return id;
}

test("someone signed out is sent to log in from every admin page", async ({ page }) => {
  for (const path of ["/admin", "/admin/users", "/admin/policy", "/admin/audit"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login$/);
  }
});

test("a user who is not an admin is refused every admin page and every admin action, and nothing changes", async ({
  page,
  browser,
  adminServer,
}, testInfo) => {
  const { l, al } = labelsForAdmin(testInfo);
  // A victim with 2FA on, locked by wrong codes: every action has something to act on.
  const victimPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const victim = await signUp(victimPage, l);
  const key = await enableTwoFactor(victimPage, l);
  await logOut(victimPage, l);
  await lockByWrongCodes(victimPage, l, al, victim, key);
  await victimPage.context().close();
  const attackerPage = await newPersonPage(browser, testInfo, adminServer.baseURL);
  const attacker = await signUp(attackerPage, l);

  // The admin's own forms, as the attacker could copy them from any admin's browser.
  await logIn(page, l, adminServer.admin);
  await openUserPage(page, al, attacker.email);
  const attackerId = userIdFrom(page);
  await openUserPage(page, al, victim.email);
  const victimId = userIdFrom(page);
  const plainPage = await withoutJavaScript(page, testInfo, adminServer.baseURL);
  await plainPage.goto(`/admin/users/${victimId}`);
  const form = (heading: string) => section(plainPage, heading).locator("form");
  const roleFields = await formFields(form(al.roleHeading));
  const unlockFields = await formFields(form(al.lockHeading));
  const resetFields = await formFields(form(al.resetTwoFactor));
  await plainPage.goto("/admin/policy");
  const policyFields = await formFields(plainPage.locator("main form"));
  await plainPage.context().close();
  expect(Object.keys(policyFields).some((name) => name.startsWith("$ACTION")), "the form names its server action").toBe(true);

  await attackerPage.getByRole("button", { name: l.mainMenu }).click();
  await expect(attackerPage.getByRole("link", { name: al.administration })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", `/admin/users/${victimId}`, "/admin/policy", `/admin/audit?target=${victim.email}`]) {
    const response = await attackerPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(attackerPage.getByRole("heading", { name: al.notFound })).toBeVisible();
  }

  // Each action posted straight to the server, as a form without JavaScript would post it.
  const post = (path: string, fields: Record<string, string>) =>
    attackerPage.request.post(path, { multipart: fields, headers: { origin: adminServer.baseURL }, maxRedirects: 0 });
  // The same replay from the admin's browser reaches the action (it saves an unchanged policy and
  // redirects): so the refusals below come from the checks, not from a malformed request.
  const control = await page.request.post("/admin/policy", {
    multipart: { ...policyFields, requirement: "OFF", graceDays: "7" },
    headers: { origin: adminServer.baseURL },
    maxRedirects: 0,
  });
  expect(control.status()).toBe(303);
  expect(control.headers().location).toContain("/admin/policy?saved=1");
  const attempts = [
    { path: `/admin/users/${attackerId}`, fields: { ...roleFields, userId: attackerId, role: "ADMIN" } },
    { path: `/admin/users/${victimId}`, fields: unlockFields },
    { path: `/admin/users/${victimId}`, fields: { ...resetFields, reason: "I am the admin now" } },
    { path: "/admin/policy", fields: { ...policyFields, requirement: "EVERYONE", graceDays: "0" } },
  ];
  for (const attempt of attempts) {
    const response = await post(attempt.path, attempt.fields);
    expect(response.status(), `${attempt.path} ${JSON.stringify(Object.keys(attempt.fields))}`).toBe(404);
  }

  // What the database holds, as the admin sees it: nothing changed.
  await openUserPage(page, al, attacker.email);
  await expect(userFact(page, al.role)).toHaveText(al.user);
  await openUserPage(page, al, victim.email);
  await expect(userFact(page, al.twoFactorColumn)).toHaveText(al.on);
  await expect(userFact(page, al.lockColumn)).not.toHaveText(al.notLocked);
  await page.goto("/admin/policy");
  await expect(page.getByTestId("policy-summary")).toHaveText(al.policyOff);
  for (const email of [attacker.email, victim.email]) {
    await page.goto(`/admin/audit?target=${encodeURIComponent(email)}`);
    await expect(page.getByTestId("audit-count")).toHaveText(al.entryCount(0));
  }
  await attackerPage.goto("/settings");
  await attackerPage.getByRole("button", { name: l.mainMenu }).click();
  await expect(attackerPage.getByRole("link", { name: al.administration })).toHaveCount(0);
  await attackerPage.context().close();
});
