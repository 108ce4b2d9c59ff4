import type { APIRequestContext, Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { formAlert, logIn, newTestUser, signUp } from "../support/flows";
import { labels } from "../support/labels";
import { type Cluster, expect, type Instance, test } from "./support/cluster-fixture";
import { copySessionCookie, expectSignedInAs } from "./support/sessions";

// Issue 4 point 5: with the database stopped mid-run, pages answer with the friendly error
// page (no stack trace, no half-written state), /api/health says 503, and once PostgreSQL is
// back everything works again without restarting the Next.js processes.

const l = labels.en;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

async function healthStatus(request: APIRequestContext, instance: Instance): Promise<number> {
  const response = await request.get(`${instance.baseURL}/api/health`, { timeout: 60_000 });
  return response.status();
}

/** The error page of app/error.tsx or app/global-error.tsx, in both languages, and nothing of the failure's insides. */
async function expectFriendlyErrorPage(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("問題が発生しました / Something went wrong");
  const text = await page.locator("body").innerText();
  const html = await page.content();
  for (const shown of [text, html]) {
    expect(shown, "a stack frame").not.toMatch(/^\s*at\s/m);
    expect(shown, "a stack frame").not.toMatch(/\bat [^\s()]+ \([^)]*:\d+:\d+\)/);
    expect(shown, "a file path of the server").not.toContain(repoRoot);
    expect(shown, "a file path of the server").not.toMatch(/node_modules|\.next[\w-]*\/server|file:\/\/|webpack:\/\//);
    expect(shown, "an error dump").not.toMatch(/\b[A-Za-z]*Error:|ECONNREFUSED|Prisma|PostgreSQL|postgres(ql)?:\/\//i);
  }
}

async function userRows(cluster: Cluster, email: string) {
  return cluster.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
}

test("with PostgreSQL stopped the app answers with its error page and health 503; once it is back everything works without a restart", async ({
  browser,
  cluster,
  request,
}) => {
  const processes = cluster.instances.map((instance) => instance.pid);

  // Before the fault: an account, signed in on A, the same session on B.
  const signedInA = await cluster.newContext(browser, cluster.a);
  const pageA = await signedInA.newPage();
  const user = await signUp(pageA, l);
  const signedInB = await cluster.newContext(browser, cluster.b);
  await copySessionCookie({ from: signedInA, to: signedInB, toInstance: cluster.b });
  const pageB = await signedInB.newPage();
  await pageB.goto("/settings");
  await expectSignedInAs(pageB, user.email);

  // Forms filled in before the fault, submitted during it.
  const newcomer = newTestUser();
  const signUpPage = await (await cluster.newContext(browser, cluster.b)).newPage();
  await signUpPage.goto("/signup");
  await signUpPage.getByRole("textbox", { name: l.emailAddress }).fill(newcomer.email);
  await signUpPage.getByRole("textbox", { name: l.password }).fill(newcomer.password);
  const logInPage = await (await cluster.newContext(browser, cluster.a)).newPage();
  await logInPage.goto("/login");
  await logInPage.getByRole("textbox", { name: l.emailAddress }).fill(user.email);
  await logInPage.getByRole("textbox", { name: l.password }).fill(user.password);

  await cluster.stopDatabase();
  try {
    await test.step("while PostgreSQL is down", async () => {
      for (const instance of cluster.instances) {
        expect(await healthStatus(request, instance), `/api/health on ${instance.name}`).toBe(503);
      }
      for (const page of [pageA, pageB]) {
        for (const path of ["/settings", "/login"]) {
          await page.goto(path);
          await expectFriendlyErrorPage(page);
        }
      }
      // An action submitted while down: sign-up on B, log-in on A.
      await signUpPage.getByRole("button", { name: l.createAccount }).click();
      await expectFriendlyErrorPage(signUpPage);
      await logInPage.getByRole("button", { name: l.logIn }).click();
      await expectFriendlyErrorPage(logInPage);
    });
  } finally {
    if (!cluster.isDatabaseRunning()) await cluster.startDatabase();
  }

  await test.step("PostgreSQL back, the same Next.js processes", async () => {
    expect(cluster.instances.map((instance) => instance.isRunning())).toEqual([true, true]);
    expect(cluster.instances.map((instance) => instance.pid)).toEqual(processes);
    for (const instance of cluster.instances) {
      await expect.poll(() => healthStatus(request, instance), { message: `/api/health on ${instance.name}`, timeout: 90_000 }).toBe(200);
    }
  });

  await test.step("no half-written account from the sign-up sent while down", async () => {
    expect(await userRows(cluster, newcomer.email)).toHaveLength(0);
    const page = await (await cluster.newContext(browser, cluster.b)).newPage();
    await page.goto("/login");
    await page.getByRole("textbox", { name: l.emailAddress }).fill(newcomer.email);
    await page.getByRole("textbox", { name: l.password }).fill(newcomer.password);
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(formAlert(page)).toHaveText(l.invalidCredentials);
    // The same address signs up now, completely: user, first event, a session.
    await signUp(page, l, newcomer);
    const [created] = await userRows(cluster, newcomer.email);
    const [events] = await cluster.query<{ count: string }>(
      `SELECT count(*) FROM "SecurityEvent" WHERE "userId" = $1 AND type = 'account_created'`,
      [created.id],
    );
    expect(Number(events.count)).toBe(1);
  });

  await test.step("sign-in works on both instances, and the session from before the fault still does", async () => {
    for (const instance of cluster.instances) {
      const page = await (await cluster.newContext(browser, instance)).newPage();
      await logIn(page, l, user);
      await expectSignedInAs(page, user.email);
    }
    for (const page of [pageA, pageB]) {
      await page.goto("/settings");
      await expectSignedInAs(page, user.email);
    }
    // The log-in sent while down left nothing behind either: the page that showed the error logs in now.
    await logIn(logInPage, l, user);
  });
});
