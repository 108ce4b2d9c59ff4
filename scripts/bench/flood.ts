// Issue 13 point 2: one client floods the password step with unknown emails; how long does a
// real user's password step take meanwhile, against its time alone? Method: ADR 0010.
import { randomBytes } from "node:crypto";
import { type ActionSet, passwordStep, replayAction } from "./actions";
import type { ServerHost } from "./host";
import type { BenchUser, Counters } from "./protocol";
import { median, sleep } from "./stats";

export type FloodResult = {
  floodSize: number;
  /** A real password step, one after another on an idle server. */
  aloneMs: number[];
  /** The same, each started once the server had taken in a whole flood, while it was being answered. */
  duringMs: number[];
  /** How the flood's requests were answered, summed over the rounds. */
  answers: { incorrect: number; busy: number; other: number };
  /** From firing a flood to its last answer (median of the rounds). */
  floodMs: number[];
  hashes: number;
  imitations: number;
  refusals: number;
  /**
   * The floor: the same real step while `floodSize` plain GET /login from one client are
   * answered (no action, no hash, no database). No limit inside the app can make a request
   * cheaper than rendering a page, so this ratio bounds what any in-process defence reaches.
   */
  pageFloodMs: number[];
};

const total = (counters: Counters) => counters.argon2 + counters.unknownEmailImitations + counters.hashQueueRefusals;

/**
 * `rounds` times: `floodSize` password posts with fresh unknown emails at once (from one client:
 * the benchmark trusts no forwarding header), then, as soon as the server has taken every one in
 * (each has started a hash, been answered without one, or been refused), one real password step.
 * Started earlier, the real request would mostly measure Next.js parsing the flood's 150 requests.
 */
export async function measureFlood(options: { host: ServerHost; actions: ActionSet; users: BenchUser[]; floodSize: number; rounds: number }): Promise<FloodResult> {
  const { host, actions, users, floodSize, rounds } = options;
  const [aloneUsers, duringUsers] = [users.slice(0, users.length / 2), users.slice(users.length / 2)];
  const aloneMs: number[] = [];
  for (const user of aloneUsers) aloneMs.push((await passwordStep(host.baseUrl, actions, user)).ms);

  const before = await host.counters();
  const result: FloodResult = {
    floodSize,
    aloneMs,
    duringMs: [],
    answers: { incorrect: 0, busy: 0, other: 0 },
    floodMs: [],
    hashes: 0,
    imitations: 0,
    refusals: 0,
    pageFloodMs: [],
  };
  for (let round = 0; round < rounds; round += 1) {
    const takenInBefore = total(await host.counters());
    const firedAt = performance.now();
    const flood = Array.from({ length: floodSize }, (_, n) =>
      replayAction({ baseUrl: host.baseUrl, action: actions.password, values: { email: `flood-${n}-${randomBytes(6).toString("hex")}@unknown.invalid`, password: "not the password" } }).then(
        (answer) => {
          if (answer.body.includes("The server is busy")) result.answers.busy += 1;
          else if (answer.body.includes("The email address or password is incorrect")) result.answers.incorrect += 1;
          else result.answers.other += 1;
          return performance.now() - firedAt;
        },
      ),
    );
    while (total(await host.counters()) - takenInBefore < floodSize) await sleep(10);
    result.duringMs.push((await passwordStep(host.baseUrl, actions, duringUsers[round % duringUsers.length])).ms);
    result.floodMs.push(Math.max(...(await Promise.all(flood))));
    // The next round starts on a quiet server, as the first did.
    await sleep(1_000);
  }
  for (let round = 0; round < rounds; round += 1) {
    const pages = Array.from({ length: floodSize }, () => fetch(`${host.baseUrl}/login`).then((response) => response.arrayBuffer()));
    result.pageFloodMs.push((await passwordStep(host.baseUrl, actions, duringUsers[round % duringUsers.length])).ms);
    await Promise.all(pages);
    await sleep(1_000);
  }
  const after = await host.counters();
  return {
    ...result,
    hashes: after.argon2 - before.argon2,
    imitations: after.unknownEmailImitations - before.unknownEmailImitations,
    refusals: after.hashQueueRefusals - before.hashQueueRefusals,
  };
}

/** The figure the goal holds: median real password step during a flood ÷ median alone. */
export const floodRatio = (flood: FloodResult) => median(flood.duringMs) / median(flood.aloneMs);

/** The floor's ratio: median real password step during a flood of page loads ÷ median alone. */
export const pageFloodRatio = (flood: FloodResult) => median(flood.pageFloodMs) / median(flood.aloneMs);
