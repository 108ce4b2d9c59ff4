import { totpCodeFor } from "../support/totp";
import { browserAtCodeStep, createTwoFactorAccount, l, newBrowserContext, outcomeOf } from "./support/accounts";
import { pendingLoginCookie, setPendingLoginCookie } from "./support/pending-login";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 5: the pending-login cookie (password step → code step) stayed usable for its
// whole 5 minutes after the sign-in it carried had completed, so a copy of it taken at the code
// step could complete a second sign-in with the next code, without the password. The step that
// completes a sign-in now claims the cookie's nonce: a copy is refused afterwards.

test("a pending-login cookie completes one sign-in: a copy replayed afterwards signs nobody in", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(300_000);
  const origin = baseURL!;
  const account = await createTwoFactorAccount(browser, origin, { backupCodes: true });

  const owner = await browserAtCodeStep(browser, origin, account.user);
  const copiedCookie = (await pendingLoginCookie(owner.context))!;
  expect(copiedCookie).toBeTruthy();

  await test.step("the owner completes the sign-in with a backup code", async () => {
    await owner.page.getByRole("link", { name: l.logInWithBackupCode }).click();
    await owner.page.getByRole("textbox", { name: l.backupCode }).fill(account.codes[0]);
    await owner.page.getByRole("button", { name: l.logIn }).click();
    await expect(owner.page).toHaveURL(/\/settings$/);
    expect(await pendingLoginCookie(owner.context)).toBeUndefined();
  });

  const replay = await newBrowserContext(browser, origin);
  const page = await replay.newPage();
  for (const [description, path, field, code] of [
    ["with the next authenticator code", "/login/two-factor", l.securityCode, await totpCodeFor({ key: account.key, stepOffset: 1 })],
    ["with another, unused backup code", "/login/backup-code", l.backupCode, account.codes[1]],
  ] as const) {
    await test.step(`the copied cookie replayed ${description} is refused`, async () => {
      await setPendingLoginCookie(replay, { baseURL: origin, value: copiedCookie });
      await page.goto(path);
      await page.getByRole("textbox", { name: field }).fill(code);
      await page.getByRole("button", { name: l.logIn }).click();
      expect(await outcomeOf(page)).toBe(l.pendingLoginAlreadyCompleted);
      expect((await replay.cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/login$/);
    });
  }

  const liveSessions = await securityServer.withDatabase((query) =>
    query<{ count: number }>(
      `SELECT count(*)::int AS "count" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = $1 AND s."revokedAt" IS NULL`,
      [account.user.email],
    ),
  );
  expect(liveSessions[0].count, "the owner's session only").toBe(1);

  await Promise.all([owner.context.close(), replay.close()]);
});
