import type { Browser, Locator, Page } from "@playwright/test";
import { disableTwoFactor, downloadBackupCodes, enableTwoFactor, logIn, passPasswordStep, signUp, submitBackupCode, submitPassword, wrongTotpCodeFor } from "../support/flows";
import { l, logOut } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 3 item 5: every security event is recorded with its time, client address and browser,
// and Personal settings shows the user their last 20. The suite's server trusts
// X-Forwarded-For (TRUSTED_PROXY_HEADER), so the address shown is the one the test sends.

const events = {
  accountCreated: "Account created",
  signIn: "Logged in",
  failedPassword: "Failed login (password)",
  failedCode: "Failed login (code)",
  backupCodeUsed: "Backup code used",
  enabled: "Two-factor authentication enabled",
  disabled: "Two-factor authentication disabled",
  regenerated: "New backup codes downloaded",
  signedOut: "Logged out",
  sessionsEnded: "Other sessions ended",
};

const userAgent = "Mozilla/5.0 (X11; Linux x86_64) NidanActivityCheck/1.0";

async function browserFrom(browser: Browser, baseURL: string, address: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: "en-US",
    userAgent,
    extraHTTPHeaders: { "Accept-Language": "en", "x-forwarded-for": address },
  });
  return context.newPage();
}

function activityRows(page: Page): Locator {
  return page.getByRole("region", { name: "Recent security activity" }).getByRole("row").filter({ has: page.getByRole("cell") });
}

test("Personal settings lists the last 20 security events with time, address and browser", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(180_000);
  const address = "203.0.113.7";
  const shownAddress = securityServer.trustedProxyHeader ? address : "Unknown";
  const page = await browserFrom(browser, baseURL!, address);

  const user = await signUp(page, l);
  await logOut(page);
  await submitPassword(page, l, { ...user, password: `${user.password}-wrong` });
  await expect(page.getByRole("alert").filter({ hasText: l.invalidCredentials })).toBeVisible();
  await logIn(page, l, user);
  const key = await enableTwoFactor(page, l);
  const { codes } = await downloadBackupCodes(page, l);
  await logOut(page);
  await passPasswordStep(page, l, user);
  await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
  await page.getByRole("button", { name: l.logIn }).click();
  await expect(page.getByRole("alert").filter({ hasText: l.invalidSecurityCode })).toBeVisible();
  await submitBackupCode(page, l, codes[0]);
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("button", { name: "End all other sessions" }).click();
  await expect(page.getByText("Your other sessions have been ended.")).toBeVisible();
  await disableTwoFactor(page, l);

  await page.goto("/settings");
  const rows = activityRows(page);
  // Newest first: the last thing done is the first row.
  await expect(rows.first().getByRole("cell").nth(1)).toHaveText(events.disabled);
  for (const name of Object.values(events)) {
    const row = rows.filter({ has: page.getByRole("cell", { name, exact: true }) }).first();
    await expect(row, name).toBeVisible();
    await expect(row.getByRole("cell").nth(2), `${name}: address`).toHaveText(shownAddress);
    await expect(row.getByRole("cell").nth(3), `${name}: browser`).toHaveText(userAgent);
    await expect(row.getByRole("cell").nth(0), `${name}: time`).toHaveText(/\d/);
  }

  // More than 20 events: only the newest 20 are listed; the oldest (account created) drops out.
  // Eleven sign-ins and sign-outs make 22 more (wrong passwords would, rightly, lock the account).
  for (let cycle = 0; cycle < 11; cycle += 1) {
    await logOut(page);
    await logIn(page, l, user);
  }
  await page.goto("/settings");
  await expect(rows).toHaveCount(20);
  await expect(rows.first().getByRole("cell").nth(1)).toHaveText(events.signIn);
  await expect(rows.filter({ has: page.getByRole("cell", { name: events.signIn, exact: true }) })).toHaveCount(10);
  await expect(rows.filter({ has: page.getByRole("cell", { name: events.signedOut, exact: true }) })).toHaveCount(10);
  await expect(rows.filter({ has: page.getByRole("cell", { name: events.accountCreated, exact: true }) })).toHaveCount(0);
  await page.context().close();
});
