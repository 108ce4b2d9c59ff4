import { describe, expect, it } from "vitest";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { clearAttempts, rateLimitKey, takeAttempt } from "./rate-limit";

const policy = { maxFailures: 10, lockSeconds: [60, 300, 900, 3600] } as const;
const start = new Date("2026-11-25T00:00:00Z");
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe.each(testEngines())("takeAttempt on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("allows 10 attempts, marks the 10th as the one that locks, refuses the 11th with the wait", async () => {
    const key = rateLimitKey("test", "sequential");
    const results = [];
    for (let attempt = 1; attempt <= 11; attempt += 1) results.push(await takeAttempt({ key, policy, now: start }));
    expect(results.slice(0, 9).every((result) => result.ok && !result.locksIfFailed)).toBe(true);
    expect(results[9]).toEqual({ ok: true, locksIfFailed: true });
    expect(results[10]).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 60 });
  });

  it("never lets more than the limit through when 30 guesses arrive at once", async () => {
    const key = rateLimitKey("test", "parallel");
    const results = await Promise.all(Array.from({ length: 30 }, () => takeAttempt({ key, policy, now: start })));
    expect(results.filter((result) => result.ok)).toHaveLength(10);
  });

  it("makes the waits grow: 1, 5, 15, then 60 minutes", async () => {
    const key = rateLimitKey("test", "growing");
    let now = start;
    const waits: number[] = [];
    for (let lock = 0; lock < 5; lock += 1) {
      for (let attempt = 0; attempt < 10; attempt += 1) expect((await takeAttempt({ key, policy, now })).ok).toBe(true);
      const refused = await takeAttempt({ key, policy, now });
      if (refused.ok) throw new Error("expected a lock");
      waits.push(refused.retryAfterSeconds);
      now = new Date(now.getTime() + refused.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([60, 300, 900, 3600, 3600]);
  });

  it("lets attempts through again once the lock has expired, and a success starts over", async () => {
    const key = rateLimitKey("test", "expiry");
    for (let attempt = 0; attempt < 10; attempt += 1) await takeAttempt({ key, policy, now: start });
    expect((await takeAttempt({ key, policy, now: later(59) })).ok).toBe(false);
    expect((await takeAttempt({ key, policy, now: later(60) })).ok).toBe(true);
    await clearAttempts({ keys: [key] });
    for (let attempt = 0; attempt < 9; attempt += 1) await takeAttempt({ key, policy, now: later(61) });
    expect(await takeAttempt({ key, policy, now: later(61) })).toEqual({ ok: true, locksIfFailed: true });
  });

  it("clears every key it is given in one call, and no other", async () => {
    const [first, second, untouched] = ["first", "second", "untouched"].map((name) => rateLimitKey("test", "clear", name));
    for (const key of [first, second, untouched]) for (let attempt = 0; attempt < 10; attempt += 1) await takeAttempt({ key, policy, now: start });
    await clearAttempts({ keys: [first, second] });
    expect(await takeAttempt({ key: first, policy, now: later(1) })).toEqual({ ok: true, locksIfFailed: false });
    expect(await takeAttempt({ key: second, policy, now: later(1) })).toEqual({ ok: true, locksIfFailed: false });
    expect((await takeAttempt({ key: untouched, policy, now: later(1) })).ok).toBe(false);
  });

  it("keeps keys apart and stores no plain email or address", async () => {
    expect(rateLimitKey("password", "a@example.com", "10.0.0.1")).not.toBe(rateLimitKey("password", "a@example.com", "10.0.0.2"));
    expect(rateLimitKey("password", "a@example.com")).not.toContain("example");
  });
});
