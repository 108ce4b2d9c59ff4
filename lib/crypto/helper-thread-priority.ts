import { readdirSync } from "node:fs";
import { access } from "node:fs/promises";
import { getPriority, setPriority } from "node:os";

/**
 * How much nicer than the event loop's thread every other thread of the process runs: the libuv pool
 * that computes argon2 (ADR 0008) and V8's helpers. Hashing is throughput work; the event loop
 * answers every request, and at equal priority it waits behind a hash for a core. Measured
 * under 64 concurrent sign-ins on 2 cores: event-loop p99 24–31 ms at equal priority, 16–18 ms
 * with the helpers 10 nicer, and the same sign-ins per second (ADR 0009).
 */
const helperThreadNicenessOffset = 10;

/** The nice value for the helper threads: the main thread's plus the offset, at most 19. */
const helperThreadNiceness = () => Math.min(19, getPriority(process.pid) + helperThreadNicenessOffset);

/**
 * Lowers the priority of every thread but the main one, called once at the server's start
 * (instrumentation.ts). libuv starts its whole pool at the first task it is given, so one file
 * check is made first: the pool's threads then exist, and later hashes run on them. Linux
 * only: there a thread id is a valid target of setpriority(2); elsewhere it could name another
 * process. Raising a nice value needs no privilege. Returns how many threads were lowered.
 */
export async function lowerHelperThreadPriority(): Promise<number> {
  if (process.platform !== "linux") return 0;
  await access(".");
  let threadIds: string[];
  try {
    threadIds = readdirSync("/proc/self/task");
  } catch {
    return 0;
  }
  const niceness = helperThreadNiceness();
  let lowered = 0;
  for (const threadId of threadIds) {
    // On Linux the main thread's id is the process id.
    if (threadId === String(process.pid)) continue;
    try {
      setPriority(Number(threadId), niceness);
      lowered += 1;
    } catch {
      // A thread that ended meanwhile, or a container that forbids it: priorities stay equal.
    }
  }
  return lowered;
}
