import { AsyncLocalStorage } from "node:async_hooks";
import { availableParallelism } from "node:os";

/**
 * The queue in front of argon2 (ADR 0008: one computation per core at once), bounded by the
 * wait it implies (ADR 0010). A hash that would wait longer than HASH_QUEUE_MAX_WAIT_SECONDS
 * is refused at once with HashQueueBusyError: one client's flood then costs the others a
 * "busy, try again" instead of a sign-in that hangs for tens of seconds.
 */
export const defaultHashQueueMaxWaitSeconds = 5;

/** Before the first measured hash: RFC 9106's cost takes 60–90 ms on the machines measured (ADR 0008). */
const initialHashSeconds = 0.1;
/** Weight of the newest run in the estimate: about the last ten hashes count. */
const hashSecondsSmoothing = 0.2;

export class HashQueueBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The hash queue is full: try again in ${retryAfterSeconds} s.`);
    this.name = "HashQueueBusyError";
  }
}

// On globalThis: Next.js bundles lib/ into several chunks, and there must be one queue (and one
// set of counters `npm run bench` can read) per process.
type QueueState = { running: number; waiting: (() => void)[]; hashSeconds: number; refusals: number };
const shared = globalThis as typeof globalThis & { __nidanArgon2Slots?: QueueState };
const queue = (shared.__nidanArgon2Slots ??= { running: 0, waiting: [], hashSeconds: initialHashSeconds, refusals: 0 });
queue.hashSeconds ??= initialHashSeconds;
queue.refusals ??= 0;

/**
 * At most one computation per core at once (ADR 0008). More only time-slice the cores, and
 * each holds 64 MiB: measured here, 4 at once on 2 cores cost 10–25 % more CPU per hash than
 * 2, took every libuv pool thread from the file, DNS and crypto work of other requests, and
 * starved the event loop.
 */
export const argon2ConcurrencyLimit = availableParallelism();

export function hashQueueMaxWaitSeconds(): number {
  // Checked with a sentence at start (lib/env.ts); read here so lib/crypto needs no config.
  const configured = Number(process.env.HASH_QUEUE_MAX_WAIT_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? configured : defaultHashQueueMaxWaitSeconds;
}

/** Seconds one hash takes now (moving average of the last runs, wall time, contention included). */
export function estimatedHashSeconds(): number {
  return queue.hashSeconds;
}

/** How long the `position`-th hash from now (1 = the next one) would wait before it starts. */
export function estimatedWaitSeconds(options: { position?: number } = {}): number {
  const ahead = queue.running + queue.waiting.length + (options.position ?? 1) - 1;
  // With k cores busy, a new hash starts when (ahead - k + 1) of those ahead have finished, k at a time.
  return Math.max(0, ahead - argon2ConcurrencyLimit + 1) * (queue.hashSeconds / argon2ConcurrencyLimit);
}

/** True when a new hash would start on an idle core right now. */
export function hashQueueHasIdleCore(): boolean {
  return queue.running + queue.waiting.length < argon2ConcurrencyLimit;
}

/** Hashes refused so far by this process (`npm run bench` prints it). */
export function hashQueueRefusalCount(): number {
  return queue.refusals;
}

/** Throws HashQueueBusyError when a new hash would wait longer than the bound. */
export function assertHashQueueRoom(): void {
  if (admittedRequest.getStore()) return;
  const waitSeconds = estimatedWaitSeconds();
  if (waitSeconds <= hashQueueMaxWaitSeconds()) return;
  queue.refusals += 1;
  const retryAfterSeconds = Math.max(1, Math.ceil(waitSeconds));
  // An event line for the operator; nothing of the request is in it.
  console.warn(`[nidan] hash_queue_busy queued=${queue.waiting.length} waitSeconds=${waitSeconds.toFixed(1)} retryAfterSeconds=${retryAfterSeconds}`);
  throw new HashQueueBusyError(retryAfterSeconds);
}

// Set while the hashes of one admitted request run (a backup-code set): its own hashes do not
// count as a queue in front of it, so a set is admitted or refused whole, by the wait before it.
const admittedRequest = new AsyncLocalStorage<true>();

/** Runs `work`, which makes several hashes, once the queue has room for the first of them. */
export async function withHashQueueRoom<T>(work: () => Promise<T>): Promise<T> {
  assertHashQueueRoom();
  return admittedRequest.run(true, work);
}

/** Runs one argon2 computation in its turn; the caller has checked the room (assertHashQueueRoom). */
export async function inHashQueue<T>(compute: () => Promise<T>): Promise<T> {
  if (queue.running < argon2ConcurrencyLimit) queue.running += 1;
  else await new Promise<void>((resolve) => queue.waiting.push(resolve));
  const startedAt = performance.now();
  try {
    const result = await compute();
    const seconds = (performance.now() - startedAt) / 1000;
    queue.hashSeconds += hashSecondsSmoothing * (seconds - queue.hashSeconds);
    return result;
  } finally {
    // The slot passes straight to the next waiter, in arrival order.
    const next = queue.waiting.shift();
    if (next) next();
    else queue.running -= 1;
  }
}
