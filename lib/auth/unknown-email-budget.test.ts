import { describe, expect, it } from "vitest";
import { argon2ConcurrencyLimit, argon2Hash } from "../crypto/argon2";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { estimatedHashSeconds } from "../crypto/hash-queue";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { unknownEmailGlobalBudget, unknownEmailPerClientBudget } from "../security/rate-limit";
import { spendUnknownEmailBudget, unknownEmailImitationCount } from "./password-step";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const start = new Date("2026-12-02T10:00:00Z");
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const noClient = { ip: null, userAgent: "vitest" };
const client = (n: number) => ({ ip: `198.51.100.${n}`, userAgent: "vitest" });

async function spendTimed(options: Parameters<typeof spendUnknownEmailBudget>[0]) {
  // Hashes this call started (admitted to the queue), not others' that finished meanwhile.
  const hashesBefore = argon2Computations.admitted();
  const startedAt = performance.now();
  const allowed = await spendUnknownEmailBudget(options);
  return { allowed, ms: performance.now() - startedAt, hashes: argon2Computations.admitted() - hashesBefore };
}

describe.each(testEngines())("spendUnknownEmailBudget on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("allows 10 a minute per client, then answers after a verify's time without a hash, and again after the window", async () => {
    for (let attempt = 0; attempt < unknownEmailPerClientBudget.limit; attempt += 1) {
      expect(await spendUnknownEmailBudget({ context: client(1), now: start })).toBe(true);
    }
    const imitationsBefore = unknownEmailImitationCount();
    const over = await spendTimed({ context: client(1), now: later(30) });
    expect(over.allowed).toBe(false);
    expect(over.hashes).toBe(0);
    // As long as one verify takes (timers may fire a little early or late).
    expect(over.ms).toBeGreaterThanOrEqual(estimatedHashSeconds() * 1000 * 0.9);
    expect(unknownEmailImitationCount() - imitationsBefore).toBe(1);
    // Another client still has its own budget; the first gets its budget back after the window.
    expect(await spendUnknownEmailBudget({ context: client(2), now: later(30) })).toBe(true);
    expect(await spendUnknownEmailBudget({ context: client(1), now: later(61) })).toBe(true);
  });

  it("caps all clients together at 60 a minute, also when no client address is known", async () => {
    // An hour after the other tests' attempts, so that this window is its own.
    const results = await Promise.all(
      Array.from({ length: unknownEmailGlobalBudget.limit + 5 }, (_, n) => spendUnknownEmailBudget({ context: n % 2 ? noClient : client(10 + (n % 50)), now: later(3600) })),
    );
    // In parallel, a few beyond the idle cores are answered without a hash too (next test).
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(unknownEmailGlobalBudget.limit);
    expect((await spendTimed({ context: noClient, now: later(3659) })).allowed).toBe(false);
    expect((await spendTimed({ context: noClient, now: later(3660) })).allowed).toBe(true);
  });

  it("spends no hash for an unknown email while every core is busy, so a flood never queues before real users", async () => {
    const busy = Array.from({ length: argon2ConcurrencyLimit }, () => argon2Hash("a real user's hash"));
    const whileBusy = await spendTimed({ context: noClient, now: later(7200) });
    await Promise.all(busy);
    expect(whileBusy).toMatchObject({ allowed: false, hashes: 0 });
    expect((await spendTimed({ context: noClient, now: later(7200) })).allowed).toBe(true);
  });

  it("counts an IPv6 client by its /64: a flood from fresh addresses of one prefix spends one budget", async () => {
    const windowStart = later(3600);
    const address = (n: number) => ({ ip: `2001:db8:9:1:${n.toString(16)}::1`, userAgent: "vitest" });
    for (let n = 0; n < unknownEmailPerClientBudget.limit; n += 1) {
      expect(await spendUnknownEmailBudget({ context: address(n + 1), now: windowStart })).toBe(true);
    }
    expect((await spendTimed({ context: address(0xabc), now: windowStart })).allowed).toBe(false);
    expect(await spendUnknownEmailBudget({ context: { ip: "2001:db8:9:2::1", userAgent: "vitest" }, now: windowStart })).toBe(true);
  });
});
