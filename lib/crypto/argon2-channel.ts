import { channel } from "node:diagnostics_channel";

export type Argon2Kind = "hash" | "verify";

/**
 * Every argon2 computation, for `npm run bench` and the tests that hold a step to its hash
 * budget (ADR 0003). Named channels are one per process, so a subscriber outside Next.js's
 * bundle hears the bundle's copy of lib/crypto/argon2.ts. Nothing is built or sent while
 * nobody subscribes (`hasSubscribers`).
 * - `argon2AdmittedChannel`: `{ kind }` when the hash queue takes a computation in (ADR 0010);
 * - `argon2Channel`: `{ kind, ms }` when it has run, `ms` its time on the thread pool.
 */
export const argon2AdmittedChannel = channel("nidan:argon2:admitted");
export const argon2Channel = channel("nidan:argon2");

export type Argon2Admitted = { kind: Argon2Kind };
export type Argon2Computed = { kind: Argon2Kind; ms: number };

/** Counts, from now until `stop()`, the computations taken in and those that ran. */
export function watchArgon2Computations(): { admitted: () => number; computed: () => number; stop: () => void } {
  let admitted = 0;
  let computed = 0;
  const onAdmitted = () => {
    admitted += 1;
  };
  const onComputed = () => {
    computed += 1;
  };
  argon2AdmittedChannel.subscribe(onAdmitted);
  argon2Channel.subscribe(onComputed);
  return {
    admitted: () => admitted,
    computed: () => computed,
    stop: () => {
      argon2AdmittedChannel.unsubscribe(onAdmitted);
      argon2Channel.unsubscribe(onComputed);
    },
  };
}
