import type { BrowserContext } from "@playwright/test";
import { accountChangeLabels } from "../support/account-change-labels";
import { accountEmail, confirmationPathIn, requestEmailChange } from "../support/account-change-flows";
import { formAlert, logIn, newTestUser, signUp, submitPassword } from "../support/flows";
import { l, newBrowserContext } from "./support/accounts";
import type { ReceivedMail } from "./support/mailbox";
import { expect, type Query, test } from "./support/server-fixture";

// Issue 16 §3: the address changes only when the link mailed to the new address is opened
// (24 hours, single use, a newer link supersedes); then the old address is told, with the new
// one masked. The link names the account by its token alone: a browser signed in to another
// account changes nothing of that one. A stolen session cannot ask for a link without the password.

const a = accountChangeLabels.en;

const newAddress = () => `new-${crypto.randomUUID()}@example.test`;

/** The newest confirmation mail to `address`, once it has arrived. */
async function confirmationMailTo(messages: ReceivedMail[], address: string): Promise<ReceivedMail> {
  const mails = () => messages.filter((mail) => mail.envelopeTo.includes(address) && mail.subject.includes("Confirm your new email address"));
  await expect.poll(() => mails().length).toBeGreaterThan(0);
  return mails().at(-1)!;
}

/** Opens the link and presses the one button, as its reader would. */
async function openLinkAndConfirm(context: BrowserContext, path: string) {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("button", { name: a.confirmEmail }).click();
  return page;
}

test("nothing changes until the link is opened; then the address is the new one and the old address is told, with the new one masked", async ({
  browser,
  baseURL,
  securityServer,
}) => {
  test.setTimeout(180_000);
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();
  const user = await signUp(page, l, newTestUser());
  const email = newAddress();

  await requestEmailChange(page, a, { email, current: user.password });
  await expect(page.getByRole("status").filter({ hasText: a.linkSent })).toBeVisible();
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(user.email);
  const mail = await confirmationMailTo(securityServer.smtpMessages, email);
  // The link is mailed to the new address only, and never logged when a relay is configured.
  const path = confirmationPathIn(mail.text);
  const token = new URL(path, baseURL).searchParams.get("token")!;
  expect(securityServer.smtpMessages.filter((message) => message.envelopeTo.includes(user.email) && message.text.includes(token))).toEqual([]);
  expect(securityServer.serverLog()).not.toContain(token);

  // Signed out, on another device: the link still works.
  const phone = await newBrowserContext(browser, baseURL!);
  const confirmed = await openLinkAndConfirm(phone, path);
  await expect(confirmed.getByRole("status")).toHaveText(new RegExp(a.emailChanged));
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(email);
  await expect(page.getByRole("cell", { name: a.emailChangedEvent })).toBeVisible();

  const notice = () => securityServer.smtpMessages.filter((message) => message.envelopeTo.includes(user.email) && message.subject.includes("Your email address was changed"));
  await expect.poll(() => notice().length).toBe(1);
  expect(notice()[0].text).toContain("n•••@e•••.test");
  expect(notice()[0].text).not.toContain(email);

  // The new address logs in; the old one no longer does.
  const check = await newBrowserContext(browser, baseURL!);
  const checkPage = await check.newPage();
  await submitPassword(checkPage, l, user);
  await expect(formAlert(checkPage)).toHaveText(l.invalidCredentials);
  await logIn(checkPage, l, { ...user, email });
  for (const opened of [context, phone, check]) await opened.close();
});

test("a reused, superseded, forged or expired link changes nothing", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(240_000);
  const context = await newBrowserContext(browser, baseURL!);
  const page = await context.newPage();
  const user = await signUp(page, l, newTestUser());
  const invalid = (opened: typeof page) => expect(opened.getByText(a.invalidLink)).toBeVisible();

  // Superseded: a second request makes the first link dead.
  const [first, second] = [newAddress(), newAddress()];
  await requestEmailChange(page, a, { email: first, current: user.password });
  const superseded = confirmationPathIn((await confirmationMailTo(securityServer.smtpMessages, first)).text);
  await requestEmailChange(page, a, { email: second, current: user.password });
  const current = confirmationPathIn((await confirmationMailTo(securityServer.smtpMessages, second)).text);
  await page.goto(superseded);
  await invalid(page);

  // Forged: a well-formed token that was never issued, and a malformed one.
  await page.goto(`/email/confirm?token=${"A".repeat(43)}`);
  await invalid(page);
  await page.goto("/email/confirm?token=%27%20OR%201%3D1");
  await invalid(page);

  // Expired while the page was open: the button's post checks again.
  const opened = await context.newPage();
  await opened.goto(current);
  await expect(opened.getByRole("button", { name: a.confirmEmail })).toBeVisible();
  await securityServer.withDatabase((query: Query) =>
    query(`UPDATE "EmailChangeToken" SET "expiresAt" = now() - interval '1 minute' WHERE "newEmail" = $1`, [second]),
  );
  await opened.getByRole("button", { name: a.confirmEmail }).click();
  await expect(formAlert(opened)).toHaveText(a.invalidLink);
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(user.email);

  // Reused: a fresh link works once.
  const third = newAddress();
  await requestEmailChange(page, a, { email: third, current: user.password });
  const fresh = confirmationPathIn((await confirmationMailTo(securityServer.smtpMessages, third)).text);
  await openLinkAndConfirm(context, fresh);
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(third);
  await page.goto(fresh);
  await invalid(page);
  await context.close();
});

test("a link opened in a browser signed in to another account changes the requester's address, never that account's", async ({
  browser,
  baseURL,
  securityServer,
}) => {
  test.setTimeout(180_000);
  const requesterContext = await newBrowserContext(browser, baseURL!);
  const requester = await signUp(await requesterContext.newPage(), l, newTestUser());
  const requesterPage = requesterContext.pages()[0];
  const otherContext = await newBrowserContext(browser, baseURL!);
  const otherPage = await otherContext.newPage();
  const other = await signUp(otherPage, l, newTestUser());

  const email = newAddress();
  await requestEmailChange(requesterPage, a, { email, current: requester.password });
  const path = confirmationPathIn((await confirmationMailTo(securityServer.smtpMessages, email)).text);
  await openLinkAndConfirm(otherContext, path);

  await otherPage.goto("/settings");
  await expect(accountEmail(otherPage)).toHaveText(other.email);
  await requesterPage.goto("/settings");
  await expect(accountEmail(requesterPage)).toHaveText(email);
  await requesterContext.close();
  await otherContext.close();
});

test("a stolen session cookie cannot ask for a link without the password, and no mail goes out", async ({ browser, baseURL, securityServer }) => {
  test.setTimeout(180_000);
  const victim = await newBrowserContext(browser, baseURL!);
  const user = await signUp(await victim.newPage(), l, newTestUser());
  const attacker = await newBrowserContext(browser, baseURL!);
  await attacker.addCookies(await victim.cookies());
  const page = await attacker.newPage();
  const attackerAddress = newAddress();

  await requestEmailChange(page, a, { email: attackerAddress, current: "a guessed password" });
  await expect(formAlert(page)).toHaveText(a.invalidPassword);
  // Nothing was written for the attacker's address: no token, no mail.
  const tokens = await securityServer.withDatabase((query: Query) =>
    query<{ count: number }>(`SELECT count(*)::int AS count FROM "EmailChangeToken" WHERE "newEmail" = $1`, [attackerAddress]),
  );
  expect(tokens[0].count).toBe(0);
  expect(securityServer.smtpMessages.filter((mail) => mail.envelopeTo.includes(attackerAddress))).toEqual([]);
  await page.goto("/settings");
  await expect(accountEmail(page)).toHaveText(user.email);
  await victim.close();
  await attacker.close();
});
