import { createHash } from "node:crypto";
import type { Browser } from "@playwright/test";
import {
  disableTwoFactor,
  enableTwoFactor,
  formAlert,
  logInWithSecurityCode,
  passPasswordStep,
  signUp,
  signUpWithBackupCodes,
  twoFactorStatus,
  wrongTotpCodeFor,
} from "../support/flows";
import { labels } from "../support/labels";
import { totpCodeFor } from "../support/totp";
import { type Cluster, expect, type Instance, test } from "./support/cluster-fixture";
import { copySessionCookie, expectSignedInAs, logOutViaMenu, outcomeOf, sessionCookieValue } from "./support/sessions";

// Issue 4 point 2: two `next start` processes over one PostgreSQL, as a load balancer would
// spread one user's requests. Everything a user relies on must hold across instances: the
// session, the code-step lock, single-use backup codes, and ending sessions.

const l = labels.en;
const tooManyAttempts = /Too many attempts\. Try again in \d+ minutes?\./;

async function userId(cluster: Cluster, email: string): Promise<string> {
  const rows = await cluster.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

async function activeSessionCount(cluster: Cluster, id: string): Promise<number> {
  const [row] = await cluster.query<{ count: string }>(`SELECT count(*) FROM "Session" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [id]);
  return Number(row.count);
}

/** A browser of its own on `instance`, with one page. */
async function browserOn(browser: Browser, cluster: Cluster, instance: Instance) {
  const context = await cluster.newContext(browser, instance);
  return { context, page: await context.newPage() };
}

test("a session made on instance A works on instance B", async ({ browser, cluster }) => {
  const onA = await browserOn(browser, cluster, cluster.a);
  const onB = await browserOn(browser, cluster, cluster.b);
  const user = await signUp(onA.page, l);

  // Without the cookie, B sends the browser to log in.
  await onB.page.goto("/settings");
  await expect(onB.page).toHaveURL(/\/login$/);

  await copySessionCookie({ from: onA.context, to: onB.context, toInstance: cluster.b });
  await onB.page.goto("/settings");
  await expectSignedInAs(onB.page, user.email);

  // B also acts on it: two-factor authentication turned on through B is on when A is asked,
  // and A's browser (the same session) stays signed in.
  await enableTwoFactor(onB.page, l);
  await onA.page.goto("/settings");
  await expect(onA.page).toHaveURL(/\/settings$/);
  await expect(twoFactorStatus(onA.page, l, "enabled")).toBeVisible();
  expect(await activeSessionCount(cluster, await userId(cluster, user.email))).toBe(1);
});

test("code-step guesses spread over both instances still lock at 10", async ({ browser, cluster }) => {
  const setup = await browserOn(browser, cluster, cluster.a);
  const user = await signUp(setup.page, l);
  const key = await enableTwoFactor(setup.page, l);
  await logOutViaMenu(setup.page);
  await setup.context.close();

  const onA = await browserOn(browser, cluster, cluster.a);
  const onB = await browserOn(browser, cluster, cluster.b);
  // Ten wrong codes, A and B in turn, each after a fresh (correct) password step.
  for (let guess = 1; guess <= 10; guess++) {
    const { page } = guess % 2 === 1 ? onA : onB;
    await passPasswordStep(page, l, user);
    await page.getByRole("textbox", { name: l.securityCode }).fill(await wrongTotpCodeFor(key));
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(page), `wrong guess ${guess}`).toContainText(l.invalidSecurityCode);
  }

  // The 11th attempt is refused on either instance, even with the right code.
  for (const { page } of [onA, onB]) {
    await passPasswordStep(page, l, user);
    await page.getByRole("textbox", { name: l.securityCode }).fill(await totpCodeFor({ key, stepOffset: 1 }));
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(page)).toHaveText(tooManyAttempts);
    await expect(page).toHaveURL(/\/login\/two-factor$/);
  }

  // One counter for the account in the shared database: ten failures, locked.
  const id = await userId(cluster, user.email);
  const codeStepKey = createHash("sha256").update(`code-step\u0000${id}`).digest("base64url");
  const [limit] = await cluster.query<{ failures: number; lockCount: number; locked: boolean }>(
    `SELECT failures, "lockCount", "lockedUntil" > now() AT TIME ZONE 'UTC' AS locked FROM "RateLimit" WHERE key = $1`,
    [codeStepKey],
  );
  expect(limit).toEqual({ failures: 10, lockCount: 1, locked: true });
  expect(await activeSessionCount(cluster, id)).toBe(0);
});

test("one backup code sent to both instances at once lets in exactly one", async ({ browser, cluster }) => {
  const setup = await browserOn(browser, cluster, cluster.a);
  const { user, codes } = await signUpWithBackupCodes(setup.page, l);
  await logOutViaMenu(setup.page);
  await setup.context.close();

  const onA = await browserOn(browser, cluster, cluster.a);
  const onB = await browserOn(browser, cluster, cluster.b);
  for (const { page } of [onA, onB]) {
    await passPasswordStep(page, l, user);
    await page.getByRole("link", { name: l.logInWithBackupCode }).click();
    await expect(page).toHaveURL(/\/login\/backup-code$/);
    await page.getByRole("textbox", { name: l.backupCode }).fill(codes[0]);
  }
  await Promise.all([onA, onB].map(({ page }) => page.getByRole("button", { name: l.logIn }).click()));
  const outcomes = await Promise.all([outcomeOf(onA.page), outcomeOf(onB.page)]);
  expect([...outcomes].sort()).toEqual(["signed-in", l.invalidBackupCode].sort());

  const winner = outcomes[0] === "signed-in" ? onA.page : onB.page;
  await winner.goto("/settings/two-factor");
  await expect(winner.getByText(l.remaining(9))).toBeVisible();

  const id = await userId(cluster, user.email);
  const [used] = await cluster.query<{ count: string }>(`SELECT count(*) FROM "BackupCode" WHERE "userId" = $1 AND "usedAt" IS NOT NULL`, [id]);
  expect(Number(used.count)).toBe(1);
  const sessions = await cluster.query<{ method: string }>(`SELECT method FROM "Session" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [id]);
  expect(sessions).toEqual([{ method: "backup_code" }]);
});

test("a logout on instance A ends the same session on instance B", async ({ browser, cluster }) => {
  const onA = await browserOn(browser, cluster, cluster.a);
  const onB = await browserOn(browser, cluster, cluster.b);
  const user = await signUp(onA.page, l);
  const copied = await copySessionCookie({ from: onA.context, to: onB.context, toInstance: cluster.b });
  await onB.page.goto("/settings");
  await expectSignedInAs(onB.page, user.email);

  await logOutViaMenu(onA.page);

  // B's browser still sends the very same cookie, and B refuses it.
  expect(await sessionCookieValue(onB.context)).toBe(copied);
  await onB.page.goto("/settings");
  await expect(onB.page).toHaveURL(/\/login$/);
  await expect(onB.page.getByRole("textbox", { name: l.emailAddress })).toBeVisible();
  expect(await activeSessionCount(cluster, await userId(cluster, user.email))).toBe(0);
});

test('"2FA off" on instance A ends the user\'s other session on instance B', async ({ browser, cluster }) => {
  const onA = await browserOn(browser, cluster, cluster.a);
  const user = await signUp(onA.page, l);
  const key = await enableTwoFactor(onA.page, l);

  // A second sign-in of the same user, on B: a session of its own.
  const onB = await browserOn(browser, cluster, cluster.b);
  await logInWithSecurityCode(onB.page, l, user, key);
  const id = await userId(cluster, user.email);
  expect(await activeSessionCount(cluster, id)).toBe(2);

  await disableTwoFactor(onA.page, l);

  await onB.page.goto("/settings");
  await expect(onB.page).toHaveURL(/\/login$/);
  // The browser that turned it off stays signed in and sees it off.
  await onA.page.goto("/settings");
  await expect(onA.page).toHaveURL(/\/settings$/);
  await expect(twoFactorStatus(onA.page, l, "disabled")).toBeVisible();
  expect(await activeSessionCount(cluster, id)).toBe(1);
});
