import { randomUUID } from "node:crypto";
import { downloadBackupCodes, enableTwoFactor, logInWithBackupCode, signUp } from "../support/flows";
import { l, logOut, newBrowserContext, tooManyAttempts } from "./support/accounts";
import { replayServerAction } from "./support/server-actions";
import { captureLogIn, floodClient } from "./support/flood-clients";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 2 / ADR 0010: one client must not stall every sign-in. The review's flood was
// 150 log-ins with unknown emails at once from one client: on main they queue 150 hashes in
// front of everyone (on 2 cores, 5–15 s for the next real sign-in). The flood is sent as the
// login form's own server-action request, replayed, so that it arrives at once.

const floodSize = 150;

const regenerateTooSoon = /^New backup codes can be made 3 times every 10 minutes\. Try again in \d+ seconds?\. Your earlier codes still work\.$/;



const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test("during a flood of 150 unknown-email log-ins from one client a real sign-in stays fast, and the flood only ever reads 'incorrect'", async ({
  page,
  baseURL,
  playwright,
  securityServer,
}) => {
  test.setTimeout(240_000);
  const proxied = securityServer.trustedProxyHeader !== null;
  const user = await signUp(page, l);
  await logOut(page);
  const logInAction = await captureLogIn(page);
  const owner = await floodClient(playwright, baseURL!, "10.77.0.1", proxied);
  const attacker = await floodClient(playwright, baseURL!, "10.66.0.1", proxied);

  /** The owner's password step, as the form posts it: it must sign in (2FA is off: on to /settings). */
  const ownerSignInMs = async () => {
    const started = performance.now();
    const reply = await replayServerAction(owner, logInAction, { fields: { email: user.email, password: user.password } });
    expect(reply.redirect, reply.body.slice(0, 300)).toMatch(/\/settings(;|$)/);
    return performance.now() - started;
  };
  await ownerSignInMs(); // warm-up
  const aloneMs = median([await ownerSignInMs(), await ownerSignInMs(), await ownerSignInMs()]);

  let answered = 0;
  const flood = Array.from({ length: floodSize }, (_, n) =>
    replayServerAction(attacker, logInAction, { fields: { email: `nobody-${n}-${randomUUID()}@example.test`, password: "not the password" } }).then((reply) => {
      answered += 1;
      return { status: reply.status, error: reply.state?.error ?? reply.body.slice(0, 200) };
    }),
  );
  // The owner signs in while the flood is being answered: once its first answers are back, the
  // server has taken most of it in (on main, its hashes are queued in front of the owner's).
  await expect.poll(() => answered, { timeout: 120_000, intervals: [20] }).toBeGreaterThanOrEqual(10);
  const duringMs = await ownerSignInMs();
  const answers = await Promise.all(flood);

  // On main this took 5–15 s here (150 hashes queued first). The bound: the ratio the issue asks
  // for (1.5×) plus 1.5 s for Next.js parsing the flood's remaining requests, or 10 s on a loaded
  // machine (measured: 4.8–6.3 s at load 30; main's request timed out after 60 s).
  expect(duringMs, `alone ${Math.round(aloneMs)} ms`).toBeLessThanOrEqual(Math.max(1.5 * aloneMs + 1_500, 10_000));
  // Over the unknown-email budget the answer is a wrong password's: nothing tells which emails
  // exist. Behind the proxy the per-client password limit (50) also answers "too many attempts".
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    if (proxied && tooManyAttempts.test(answer.error)) continue;
    expect(answer.error).toBe(l.invalidCredentials);
  }
  await Promise.all([owner.dispose(), attacker.dispose()]);
});

test("a fourth set of new backup codes within 10 minutes is refused with the wait, and the third set stays the one that works", async ({
  page,
  browser,
  baseURL,
  securityServer,
}) => {
  test.setTimeout(180_000);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);
  await downloadBackupCodes(page, l);
  await downloadBackupCodes(page, l);
  const third = await downloadBackupCodes(page, l);
  expect(third.codes).toHaveLength(10);

  await page.getByRole("button", { name: l.downloadBackupCodes }).click();
  await expect(page.getByRole("alert").filter({ hasText: "New backup codes" })).toHaveText(regenerateTooSoon);
  // The route itself, as a script or a proxy sees it.
  const direct = await page.request.post("/settings/two-factor/backup-codes", { headers: { origin: baseURL!, accept: "application/json" }, failOnStatusCode: false });
  expect(direct.status()).toBe(429);
  expect(Number(direct.headers()["retry-after"])).toBeGreaterThan(0);
  expect(((await direct.json()) as { error: string }).error).toMatch(regenerateTooSoon);

  // The third set still signs in, and it is the only set stored.
  const other = await newBrowserContext(browser, baseURL!, securityServer.trustedProxyHeader ? { "x-forwarded-for": "10.88.0.1" } : {});
  await logInWithBackupCode(await other.newPage(), l, user, third.codes[0]);
  await other.close();
  const stored = await securityServer.withDatabase((query) =>
    query<{ total: number; used: number }>(
      `SELECT count(*)::int AS total, count("usedAt")::int AS used FROM "BackupCode" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`,
      [user.email],
    ),
  );
  expect(stored).toEqual([{ total: 10, used: 1 }]);
});
