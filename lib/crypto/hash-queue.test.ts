import { afterEach, describe, expect, it } from "vitest";
import { argon2ConcurrencyLimit, argon2Hash, HashQueueBusyError } from "./argon2";
import { watchArgon2Computations } from "./argon2-channel";
import { estimatedHashSeconds, estimatedWaitSeconds, hashQueueHasIdleCore, hashQueueRefusalCount, withHashQueueRoom } from "./hash-queue";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

describe("the bounded hash queue (ADR 0010)", () => {
  afterEach(() => {
    delete process.env.HASH_QUEUE_MAX_WAIT_SECONDS;
  });

  it("estimates no wait while a core is idle, and a growing one behind a queue", async () => {
    expect(hashQueueHasIdleCore()).toBe(true);
    expect(estimatedWaitSeconds()).toBe(0);
    const running = Array.from({ length: argon2ConcurrencyLimit + 2 }, () => argon2Hash("queued"));
    expect(hashQueueHasIdleCore()).toBe(false);
    // Two more are waiting: the next one starts after three have finished, a core's worth at a time.
    expect(estimatedWaitSeconds()).toBeCloseTo((3 * estimatedHashSeconds()) / argon2ConcurrencyLimit);
    await Promise.all(running);
    expect(estimatedWaitSeconds()).toBe(0);
    // The estimate follows measured runs: RFC 9106's cost takes tens of milliseconds, not seconds.
    expect(estimatedHashSeconds()).toBeGreaterThan(0.005);
    expect(estimatedHashSeconds()).toBeLessThan(2);
  });

  it("refuses at once, with a retry time, the hashes that would wait longer than the bound, and counts them", async () => {
    process.env.HASH_QUEUE_MAX_WAIT_SECONDS = "0.001";
    const refusalsBefore = hashQueueRefusalCount();
    const computedBefore = argon2Computations.computed();
    const startedAt = performance.now();
    const attempts = Array.from({ length: argon2ConcurrencyLimit + 3 }, () =>
      argon2Hash("flood").then(
        () => ({ refused: false, afterMs: performance.now() - startedAt }),
        (error: unknown) => ({ refused: error instanceof HashQueueBusyError ? error.retryAfterSeconds : error, afterMs: performance.now() - startedAt }),
      ),
    );
    const results = await Promise.all(attempts);
    const refused = results.filter((result) => typeof result.refused === "number");
    // One per core starts; the next would wait for one of them, more than 1 ms, and is refused.
    expect(results.filter((result) => result.refused === false)).toHaveLength(argon2ConcurrencyLimit);
    expect(refused).toHaveLength(3);
    expect(refused.every((result) => result.refused === 1)).toBe(true);
    expect(hashQueueRefusalCount() - refusalsBefore).toBe(3);
    expect(argon2Computations.computed() - computedBefore).toBe(argon2ConcurrencyLimit);
    // "At once": long before the queued hashes are done.
    const slowest = Math.max(...results.map((result) => result.afterMs));
    expect(Math.max(...refused.map((result) => result.afterMs))).toBeLessThan(slowest / 2);
  });

  it("admits a request of several hashes whole by the wait before it, its own hashes not counted", async () => {
    process.env.HASH_QUEUE_MAX_WAIT_SECONDS = "0.001";
    const set = await withHashQueueRoom(() => Promise.all(Array.from({ length: 10 }, () => argon2Hash("one of ten codes"))));
    expect(set).toHaveLength(10);
    const running = Array.from({ length: argon2ConcurrencyLimit + 1 }, () => argon2Hash("queued").catch(() => null));
    await expect(withHashQueueRoom(() => argon2Hash("after a queue"))).rejects.toBeInstanceOf(HashQueueBusyError);
    await Promise.all(running);
  });

  it("lets a normal burst through under the default bound of 5 s", async () => {
    const results = await settle(Array.from({ length: 8 * argon2ConcurrencyLimit }, () => argon2Hash("burst")));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
  });
});
