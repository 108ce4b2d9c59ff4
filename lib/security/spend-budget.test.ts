import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { rateLimitKey, spendBudget } from "./rate-limit";

const policy = { limit: 3, windowSeconds: 60 };
const start = new Date("2026-12-02T10:00:00Z");
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe.each(testEngines())("spendBudget on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("allows the limit per window, refuses with the time left in the window, and starts a new window after it", async () => {
    const key = rateLimitKey("test", "budget");
    for (let use = 0; use < policy.limit; use += 1) expect((await spendBudget({ key, policy, now: later(use) })).ok).toBe(true);
    expect(await spendBudget({ key, policy, now: later(20) })).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 40 });
    expect(await spendBudget({ key, policy, now: later(59) })).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 1 });
    expect((await spendBudget({ key, policy, now: later(60) })).ok).toBe(true);
  });

  it("never lets more than the limit through when many arrive at once, and sets no lock", async () => {
    const key = rateLimitKey("test", "parallel-budget");
    const results = await Promise.all(Array.from({ length: 20 }, () => spendBudget({ key, policy, now: start })));
    expect(results.filter((result) => result.ok)).toHaveLength(policy.limit);
    expect(await db.rateLimit.findUnique({ where: { key }, select: { lockedUntil: true, failures: true } })).toEqual({ lockedUntil: null, failures: policy.limit + 1 });
  });
});
