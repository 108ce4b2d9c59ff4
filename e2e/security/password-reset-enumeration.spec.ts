import { randomUUID } from "node:crypto";
import { signUp } from "../support/flows";
import { requestResetLink, resetMailsTo } from "../support/password-reset";
import { l, logOut, randomClientAddress } from "./support/accounts";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 16 §1: "Send reset link" answers an address with an account and one without the same
// sentence, status and body, in the same time — the link is made after the response (ADR 0018).
// Measured as the log-in's enumeration test does (e2e/security/enumeration.spec.ts): interleaved,
// the order swapped every round, warm-up thrown away, medians compared, up to three runs. The
// answers are fast (tens of ms), so a difference within 5 ms counts as equal whatever the ratio.

const warmUpRounds = 2;
const measuredRounds = 12;
const tolerance = 0.2;
const absoluteToleranceMs = 5;
const maxRuns = 3;
/** passwordResetPerAddressBudget: each account is asked for at most this many links. */
const linksPerAccount = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

test("an address with an account and one without get the same answer in the same time", async ({ page, baseURL, playwright, securityServer }) => {
  test.setTimeout(240_000);
  const first = await signUp(page, l);
  await logOut(page);
  const accounts = [first.email];
  while (accounts.length * linksPerAccount < maxRuns * (warmUpRounds + measuredRounds) + 1) {
    accounts.push((await signUp(page, l)).email);
    await logOut(page);
  }
  let linksAsked = 1;

  // What a person sees: the same sentence.
  await requestResetLink(page, l, first.email);
  await requestResetLink(page, l, `nobody-${randomUUID()}@example.test`);
  await page.goto("/password/forgot");
  await page.getByRole("textbox", { name: l.emailAddress }).fill("x@example.test");
  const sendResetLink = await captureServerAction(page, () => page.getByRole("button", { name: l.sendResetLink }).click(), { abort: true });

  type Sample = { kind: "account" | "no account"; milliseconds: number; status: number; body: string; redirect: string | null };
  const measure = async (): Promise<Sample[]> => {
    const samples: Sample[] = [];
    for (let round = 0; round < warmUpRounds + measuredRounds; round += 1) {
      const kinds = round % 2 ? (["account", "no account"] as const) : (["no account", "account"] as const);
      for (const kind of kinds) {
        const email = kind === "account" ? accounts[Math.floor(linksAsked++ / linksPerAccount)] : `nobody-${randomUUID()}@example.test`;
        const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en", "x-forwarded-for": randomClientAddress() } });
        const started = performance.now();
        const reply = await replayServerAction(client, sendResetLink, { fields: { email } });
        const milliseconds = performance.now() - started;
        await client.dispose();
        // The page after the redirect carries this request's CSP nonce and render ids; the rest must be byte for byte the same.
        const body = reply.body.replace(/"nonce":"[^"]*"/g, '"nonce":""').replace(/"[A-Za-z0-9_-]{22}"/g, '"<id>"');
        if (round >= warmUpRounds) samples.push({ kind, milliseconds, status: reply.status, body, redirect: reply.redirect });
      }
    }
    return samples;
  };

  const reports: string[] = [];
  let equal = false;
  for (let run = 1; run <= maxRuns && !equal; run += 1) {
    const samples = await measure();
    expect(new Set(samples.map((sample) => sample.status)).size, "the statuses differ").toBe(1);
    expect(new Set(samples.map((sample) => sample.redirect)).size, "the redirects differ").toBe(1);
    expect(samples[0].redirect).toContain("/password/forgot?sent=1");
    expect(new Set(samples.map((sample) => sample.body)).size, "the response bodies differ").toBe(1);
    const withAccount = median(samples.filter((sample) => sample.kind === "account").map((sample) => sample.milliseconds));
    const without = median(samples.filter((sample) => sample.kind === "no account").map((sample) => sample.milliseconds));
    const differenceMs = Math.abs(withAccount - without);
    equal = differenceMs <= absoluteToleranceMs || differenceMs / Math.min(withAccount, without) <= tolerance;
    reports.push(`run ${run}: median with an account ${withAccount.toFixed(1)} ms, without ${without.toFixed(1)} ms (${differenceMs.toFixed(1)} ms apart)`);
  }
  const report = reports.join("; ");
  test.info().annotations.push({ type: "timing", description: report });
  console.log(`[reset enumeration] ${report}`);
  expect(equal, report).toBe(true);
  // The accounts did get their links: the answer hid real work, it did not skip it.
  await expect.poll(() => resetMailsTo(securityServer.smtpMessages, accounts[1]).length, { timeout: 30_000 }).toBe(linksPerAccount);
});
