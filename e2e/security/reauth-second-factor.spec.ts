import type { Page } from "@playwright/test";
import { logInWithBackupCode, twoFactorStatus } from "../support/flows";
import { totpCodeFor } from "../support/totp";
import { createTwoFactorAccount, l, newBrowserContext } from "./support/accounts";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 5: when the sign-in is older than 10 minutes, turning two-factor authentication
// off (or downloading new backup codes) asked only for the password, so a stolen session plus a
// phished password removed the second factor. With two-factor on it now asks for the password
// and a current code (authenticator or backup code), as the OWASP MFA cheat sheet asks.

const codeLabel = "Security code or backup code";
const codeRequired = "Enter your password and a security code or backup code to confirm this change.";
const wrongPasswordOrCode = "The password or code is incorrect. Nothing was changed.";

/** Disable → the confirmation → fill what is given → OK. `crafted` drops the code field's `required`, as a hand-made post would. */
async function confirmDisable(page: Page, options: { password: string; code?: string; crafted?: boolean }) {
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: l.disable }).click();
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  const codeField = dialog.getByRole("textbox", { name: codeLabel });
  await expect(codeField).toBeVisible();
  if (options.crafted) await codeField.evaluate((input) => input.removeAttribute("required"));
  await dialog.getByLabel(l.password, { exact: true }).fill(options.password);
  if (options.code) await codeField.fill(options.code);
  await dialog.getByRole("button", { name: l.ok }).click();
}

test("after 10 minutes, turning two-factor off needs the password and a current code", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(300_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });
  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  // A backup code, so that no authenticator time step is spent before the one used below.
  await logInWithBackupCode(page, l, account.user, account.codes[0]);

  const twoFactorOn = (query: Parameters<Parameters<typeof securityServer.withDatabase>[0]>[0]) =>
    query<{ on: boolean }>(
      `SELECT count(*) > 0 AS "on" FROM "TwoFactor" t JOIN "User" u ON u."id" = t."userId" WHERE u."email" = $1 AND t."enabledAt" IS NOT NULL`,
      [account.user.email],
    ).then((rows) => rows[0].on);

  await securityServer.withDatabase(async (query) => {
    await query(
      `UPDATE "Session" SET "authenticatedAt" = "authenticatedAt" - interval '11 minutes' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`,
      [account.user.email],
    );
  });

  await test.step("the password alone is refused", async () => {
    await confirmDisable(page, { password: account.user.password, crafted: true });
    await expect(page.getByText(codeRequired)).toBeVisible();
  });

  await test.step("the password with a wrong code is refused", async () => {
    await confirmDisable(page, { password: account.user.password, code: "12345678" });
    await expect(page.getByText(wrongPasswordOrCode)).toBeVisible();
  });

  await test.step("new backup codes with the password alone are refused too", async () => {
    const reply = await context.request.post("/settings/two-factor/backup-codes", {
      form: { password: account.user.password },
      headers: { accept: "application/json", origin },
      maxRedirects: 0,
    });
    expect(reply.status()).toBe(401);
    expect(((await reply.json()) as { error: string }).error).toBe(codeRequired);
  });

  await page.goto("/settings/two-factor");
  await expect(twoFactorStatus(page, l, "enabled")).toBeVisible();
  expect(await securityServer.withDatabase(twoFactorOn), "two-factor still on in the database").toBe(true);

  await test.step("the password and a current authenticator code turn it off", async () => {
    await confirmDisable(page, { password: account.user.password, code: await totpCodeFor({ key: account.key, stepOffset: 1 }) });
    await expect(page.getByText(l.disabledNotice)).toBeVisible();
  });
  expect(await securityServer.withDatabase(twoFactorOn), "two-factor off in the database").toBe(false);

  await context.close();
});

test("inside the 10 minutes, Disable → OK turns two-factor off as the help page says", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });
  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  await logInWithBackupCode(page, l, account.user, account.codes[0]);
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: l.disable }).click();
  const dialog = page.getByRole("alertdialog", { name: l.confirmDisableTitle });
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await dialog.getByRole("button", { name: l.ok }).click();
  await expect(page.getByText(l.disabledNotice)).toBeVisible();
  await context.close();
});
