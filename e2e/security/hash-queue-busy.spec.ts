import { enableTwoFactor, signUp } from "../support/flows";
import { l } from "./support/accounts";
import { replayServerAction } from "./support/server-actions";
import { captureLogIn, floodClient, serverBusy } from "./support/flood-clients";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 2 / ADR 0010: when a hash would wait longer than HASH_QUEUE_MAX_WAIT_SECONDS the
// request is answered at once, "The server is busy. Try again in N seconds.", never left to hang.

// A server of its own: a bound this low turns "every core busy" into "busy", so the refusal
// is seen with a few requests instead of 5 s of queued hashes.
test.use({ serverEnvironment: { HASH_QUEUE_MAX_WAIT_SECONDS: "0.001" } });

test("the answer is 'busy, try again in N seconds': as the form's error with the email kept, and as 503 + Retry-After from the route", async ({
  page,
  baseURL,
  playwright,
  securityServer,
}) => {
  test.setTimeout(180_000);
  const user = await signUp(page, l);
  await enableTwoFactor(page, l);

  // The log-in action, captured from a second, signed-out browser: this one stays signed in.
  const anonymous = await page.context().browser()!.newContext();
  const logInAction = await captureLogIn(await anonymous.newPage());

  // One "Download backup codes" first: its ten hashes take both cores and queue eight more. While
  // they run, five more downloads — half as the page's script posts them, half as a plain form
  // post without JavaScript — and twelve password steps (the account's own password, so no limit
  // is reached) arrive together, each from a client of its own made beforehand: whatever finds the
  // queue that long is told to come back, the logins with the email they typed kept. A request is
  // admitted before its hashes start, so arriving together is not enough: the first set must be
  // hashing. 100 ms covers its budget check, well inside its ten hashes on any machine.
  const loginClients = await Promise.all(
    Array.from({ length: 12 }, (_, n) => floodClient(playwright, baseURL!, `10.99.0.${n + 1}`, securityServer.trustedProxyHeader !== null)),
  );
  const signedIn = await page.context().storageState();
  const downloadClients = await Promise.all(Array.from({ length: 6 }, () => playwright.request.newContext({ baseURL, storageState: signedIn })));
  const download = async (request: (typeof downloadClients)[number], json: boolean) => {
    const response = await request.post("/settings/two-factor/backup-codes", {
      headers: { origin: baseURL!, ...(json ? { accept: "application/json" } : {}) },
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    return { json, status: response.status(), retryAfter: response.headers()["retry-after"], contentType: response.headers()["content-type"] ?? "", text: await response.text() };
  };
  const first = download(downloadClients[0], true);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const logIns = loginClients.map((request) => replayServerAction(request, logInAction, { fields: { email: user.email, password: user.password } }));
  const regenerations = await Promise.all([first, ...downloadClients.slice(1).map((request, n) => download(request, n % 2 === 1))]);
  const replies = await Promise.all(logIns);
  await Promise.all([...loginClients, ...downloadClients].map((request) => request.dispose()));
  await anonymous.close();

  expect(regenerations.map((r) => r.status).sort()).not.toContain(500);
  const busyRegenerations = regenerations.filter((r) => r.status === 503);
  expect(busyRegenerations.length, JSON.stringify(regenerations.map((r) => r.status))).toBeGreaterThan(0);
  for (const refused of busyRegenerations) {
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    if (refused.json) expect((JSON.parse(refused.text) as { error: string }).error).toMatch(serverBusy);
    else {
      expect(refused.contentType).toContain("text/html");
      expect(refused.text).toMatch(/The server is busy\. Try again in \d+ seconds?\./);
    }
  }
  expect(regenerations.filter((r) => r.status === 200).length).toBeLessThanOrEqual(3);

  const busy = replies.filter((reply) => reply.state?.error && serverBusy.test(reply.state.error));
  expect(busy.length).toBeGreaterThan(0);
  for (const reply of busy) expect((reply.state as { values?: { email?: string } }).values?.email).toBe(user.email);
  // Every other one signed in: nothing hung, nothing failed.
  expect(replies.filter((reply) => reply.status >= 500)).toHaveLength(0);
});
