import { deliverOutbox } from "./deliver-outbox";

/**
 * When this process next runs a delivery pass (ADR 0014). One state per process, on
 * globalThis, because Next.js bundles instrumentation and the routes apart.
 */
interface MailSchedule {
  /** Mails this process has put in the outbox: a change tells the server layer that one is waiting. */
  enqueued: number;
  /** When a known unsent mail becomes due (ms); 0 when unknown (at start, or just enqueued); null when none. */
  dueAtMs: number | null;
  running?: Promise<void>;
  /** Asked for while a pass ran: one more pass follows it. */
  again: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

const globalWithSchedule = globalThis as typeof globalThis & { __nidanMailSchedule?: MailSchedule };
const schedule: MailSchedule = (globalWithSchedule.__nidanMailSchedule ??= { enqueued: 0, dueAtMs: 0, again: false });
const retryAfterFailedPassMs = 30_000;
// setTimeout's limit is 2^31 - 1 ms; the backoff's cap (an hour) is far below it.
const longestTimerMs = 60 * 60 * 1000;
/** With nothing known to wait, a look now and then: another instance may have left mail behind when it stopped. */
const idleLookMs = 10 * 60 * 1000;

export function noteMailEnqueued(): void {
  schedule.enqueued += 1;
  schedule.dueAtMs = 0;
}

/** Read before a use case runs and compared after: a change means mail was enqueued meanwhile. */
export function enqueuedMailCount(): number {
  return schedule.enqueued;
}

/**
 * Runs delivery passes while mail may be due, one at a time in this process; never throws
 * (a failure is in the row and the log). `force` is for a caller that has just committed a mail:
 * a pass then runs even if one is running, since that one may have looked before the commit.
 * Afterwards a timer wakes this process when the next unsent mail is due.
 */
export function deliverDueMail(options: { force?: boolean } = {}): Promise<void> {
  const due = options.force || (schedule.dueAtMs !== null && schedule.dueAtMs <= Date.now());
  if (schedule.running) {
    if (due) schedule.again = true;
    return schedule.running;
  }
  if (!due) return Promise.resolve();
  schedule.running = runPasses();
  return schedule.running;
}

/**
 * Passes until none was asked for meanwhile. The last check of `again` and the end of
 * `running` happen in one synchronous step: a caller arriving between them (a microtask
 * later, in a `.finally`) would otherwise set `again` for a loop that has already ended.
 */
async function runPasses(): Promise<void> {
  for (;;) {
    schedule.again = false;
    const enqueuedBefore = schedule.enqueued;
    try {
      const { nextDueAt } = await deliverOutbox();
      // A mail enqueued during the pass may have been committed after the pass looked.
      schedule.dueAtMs = schedule.enqueued !== enqueuedBefore ? 0 : (nextDueAt?.getTime() ?? null);
    } catch (error) {
      console.error(`[mail] delivery pass failed, retrying in ${retryAfterFailedPassMs / 1000} s: ${error instanceof Error ? error.message : String(error)}`);
      schedule.dueAtMs = Date.now() + retryAfterFailedPassMs;
    }
    if (!schedule.again) break;
  }
  schedule.running = undefined;
  armTimer();
}

/** Unreferenced: a waiting mail never keeps a process (a script, a test) alive. */
function armTimer(): void {
  if (schedule.timer) clearTimeout(schedule.timer);
  schedule.timer = undefined;
  const delayMs = schedule.dueAtMs === null ? idleLookMs : Math.min(Math.max(schedule.dueAtMs - Date.now(), 0), longestTimerMs);
  schedule.timer = setTimeout(() => void deliverDueMail({ force: true }), delayMs + 50);
  schedule.timer.unref();
}
