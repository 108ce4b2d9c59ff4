// The process that hosts the production build for the benchmark: Next.js started in-process
// (as `next start` does, on 127.0.0.1 and a free port), so that this process can count the
// argon2 computations the app publishes (lib/crypto/argon2-channel.ts) and measure its own
// event-loop delay. It also
// creates the benchmark's users through lib/ (the embedded database admits one process) and
// runs the raw argon2 baselines on the same libuv thread pool the server uses. It serves HTTP
// and answers the parent's messages; every request comes from the parent process.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { hash as argon2RawHash, verify as argon2RawVerify } from "@node-rs/argon2";
import { watchArgon2Computations } from "../../lib/crypto/argon2-channel";
import type { BenchUser, Counters, DirectStep, EventLoopStats, HostReady, HostReply, HostRequest, Probe, RawThroughput, RawVerifySample } from "./protocol";

const repoRoot = process.env.BENCH_REPO_ROOT ?? process.cwd();

// Subscribed before Next.js starts: every computation the app's bundle runs is heard, counted
// when the hash queue takes it in (the flood waits until its requests are taken in).
const argon2Computations = watchArgon2Computations();

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function startNext(): Promise<{ port: number; close: () => Promise<void> }> {
  let handle: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end("starting");
  };
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // What `next start` sets before it creates the server (next/dist/server/lib/start-server).
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = `http://127.0.0.1:${port}`;
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: repoRoot, hostname: "127.0.0.1", port });
  await app.prepare();
  handle = app.getRequestHandler();
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

// lib/ is imported after Next.js has started: the database handle lives on globalThis
// (lib/db.ts), so these calls share the connection the server opened.
async function lib() {
  const [
    { createAccount },
    { ensurePendingSetup },
    { enableTwoFactor },
    { regenerateBackupCodes },
    { generateTotpCode },
    { getConfig },
    { db, closeDb },
    argon2,
    { verifyPasswordStep },
  ] = await Promise.all([
    import("../../lib/accounts/create-account"),
    import("../../lib/two-factor/ensure-pending-setup"),
    import("../../lib/two-factor/enable-two-factor"),
    import("../../lib/two-factor/regenerate-backup-codes"),
    import("../../lib/two-factor/totp"),
    import("../../lib/env"),
    import("../../lib/db"),
    import("../../lib/crypto/argon2"),
    import("../../lib/auth/password-step"),
  ]);
  return { createAccount, ensurePendingSetup, enableTwoFactor, regenerateBackupCodes, generateTotpCode, getConfig, db, closeDb, argon2, verifyPasswordStep };
}
type Lib = Awaited<ReturnType<typeof lib>>;

const benchContext = { ip: null, userAgent: "nidan-bench" };
let userSerial = 0;

async function createUser(l: Lib, options: { twoFactor: "off" | "pending" | "on"; backupCodes?: boolean; label: string }): Promise<BenchUser> {
  userSerial += 1;
  const email = `${options.label}-${process.pid}-${userSerial}-${Math.random().toString(36).slice(2, 8)}@bench.invalid`;
  const password = `bench-${Math.random().toString(36).slice(2)}-${userSerial}`;
  const created = await l.createAccount({ email, password, context: benchContext });
  if (!created.ok) throw new Error(`could not create ${email}: ${created.reason}`);
  const user: BenchUser = { userId: created.userId, email, password };
  if (options.twoFactor === "off") return user;
  const keyring = l.getConfig().totpKeyring;
  // The setup belongs to a session (issue 13); the bench user has none, so one made-up id stands for it.
  const setupSessionId = crypto.randomUUID();
  const pending = await l.ensurePendingSetup({ userId: created.userId, sessionId: setupSessionId, keyring });
  if (!pending) throw new Error("two-factor authentication unexpectedly on");
  user.secret = pending.secret;
  if (options.twoFactor === "pending") return user;
  const enabled = await l.enableTwoFactor({
    userId: created.userId,
    sessionId: setupSessionId,
    code: await l.generateTotpCode({ secret: pending.secret }),
    keyring,
    context: benchContext,
  });
  if (!enabled.ok) throw new Error(`could not enable two-factor authentication: ${enabled.reason}`);
  const row = await l.db.twoFactor.findUnique({ where: { userId: created.userId }, select: { lastUsedTimeStep: true } });
  user.lastTimeStep = row?.lastUsedTimeStep ?? undefined;
  if (options.backupCodes) {
    const codes = await l.regenerateBackupCodes({ userId: created.userId, context: benchContext });
    if (!codes.ok) throw new Error("could not create backup codes");
    user.backupCodes = codes.codes;
  }
  return user;
}

async function createUsers(l: Lib, request: Extract<HostRequest, { type: "createUsers" }>): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  // A few at a time: hashing runs on the thread pool, the database writes one after another.
  for (let start = 0; start < request.count; start += 8) {
    const batch = Math.min(8, request.count - start);
    users.push(...(await Promise.all(Array.from({ length: batch }, () => laterWhenBusy(() => createUser(l, request))))));
  }
  return users;
}

/** Setting users up is not the traffic measured: a full hash queue (ADR 0010) only means "later". */
async function laterWhenBusy<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof Error && error.name === "HashQueueBusyError")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * (error as Error & { retryAfterSeconds: number }).retryAfterSeconds));
    }
  }
}

let rawHash: Promise<string> | undefined;
function referenceHash(l: Lib): Promise<string> {
  // The same parameters as the app's password hashes (lib/crypto/argon2.ts).
  rawHash ??= argon2RawHash("reference password for the raw baseline", l.argon2.argon2Parameters);
  return rawHash;
}

async function rawVerify(l: Lib, samples: number): Promise<RawVerifySample[]> {
  const stored = await referenceHash(l);
  const results: RawVerifySample[] = [];
  for (let i = 0; i < samples; i += 1) {
    const cpuBefore = processCpuMs();
    const started = performance.now();
    const ok = await argon2RawVerify(stored, "reference password for the raw baseline");
    results.push({ ms: performance.now() - started, cpuMs: minus(processCpuMs(), cpuBefore) });
    if (!ok) throw new Error("raw argon2 verify failed");
  }
  return results;
}

/**
 * Raw verifies as fast as this machine does them: `concurrency` callers, but no more in flight
 * than the app itself runs at once (one per core, lib/crypto/argon2.ts). More at once is
 * slower per verify (ADR 0008), which would flatter the app's ratio.
 */
async function rawThroughput(l: Lib, concurrency: number, total: number): Promise<RawThroughput> {
  const stored = await referenceHash(l);
  const inFlight = Math.min(concurrency, l.argon2.argon2ConcurrencyLimit);
  let started = 0;
  const threadsBefore = cpuByThread();
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started < total) {
        started += 1;
        if (!(await argon2RawVerify(stored, "reference password for the raw baseline"))) throw new Error("raw argon2 verify failed");
      }
    }),
  );
  const elapsedMs = performance.now() - begin;
  const threadsAfter = cpuByThread();
  rememberArgon2Threads(threadsBefore, threadsAfter, inFlight);
  return { perSecond: (total / elapsedMs) * 1000, elapsedMs, total, concurrency: inFlight, processCpuMs: minus(totalCpuMs(threadsAfter), totalCpuMs(threadsBefore)) };
}

/**
 * The password step's domain code alone (lib/auth/password-step.ts), called in this
 * process without HTTP or Next.js: what the step costs before the framework's share.
 */
async function passwordStepDirect(l: Lib, email: string, password: string): Promise<DirectStep> {
  const before = probe();
  const started = performance.now();
  const result = await l.verifyPasswordStep({ email, password, context: benchContext });
  const ms = performance.now() - started;
  const after = probe();
  return {
    ms,
    argon2: after.argon2 - before.argon2,
    outcome: result.ok ? (result.twoFactorRequired ? "two_factor_required" : "complete") : result.reason,
    mainCpuMs: minus(after.mainCpuMs, before.mainCpuMs),
    processCpuMs: minus(after.processCpuMs, before.processCpuMs),
  };
}

const eventLoopHistogram = monitorEventLoopDelay({ resolution: 5 });
let cpuAtStart: { main: number | null; threads: Map<string, number> } | undefined;

/** On-CPU time of one thread in ms (Linux schedstat, nanoseconds), null elsewhere. */
function threadCpuMs(tid: string): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

const mainThreadCpuMs = () => threadCpuMs(String(process.pid));

/** On-CPU time of every thread of this process, by thread id. */
function cpuByThread(): Map<string, number> {
  const times = new Map<string, number>();
  try {
    for (const tid of readdirSync("/proc/self/task")) times.set(tid, threadCpuMs(tid) ?? 0);
  } catch {
    // Not Linux: no split.
  }
  return times;
}

/**
 * The libuv threads that run argon2, told apart from V8's helper threads (all are named
 * "node") by what they do: a thread that took at least a fifth of its share of a raw
 * throughput run's CPU ran verifies. Collected over every raw run.
 */
const argon2PoolThreads = new Set<string>();

function rememberArgon2Threads(before: Map<string, number>, after: Map<string, number>, inFlight: number) {
  const grown = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const).filter(([tid]) => tid !== String(process.pid));
  const total = grown.reduce((sum, [, ms]) => sum + ms, 0);
  for (const [tid, ms] of grown) if (ms >= total / inFlight / 5) argon2PoolThreads.add(tid);
}

function argon2PoolCpuMs(times: Map<string, number>): number {
  return [...argon2PoolThreads].reduce((sum, tid) => sum + (times.get(tid) ?? 0), 0);
}

/** All threads of one snapshot: the event loop, the libuv pool (argon2, zlib), V8's helpers; null without /proc. */
function totalCpuMs(times: Map<string, number>): number | null {
  return times.size === 0 ? null : [...times.values()].reduce((sum, ms) => sum + ms, 0);
}

const processCpuMs = () => totalCpuMs(cpuByThread());

const minus = (after: number | null, before: number | null) => (after === null || before === null ? null : after - before);

function counters(): Counters {
  const shared = globalThis as typeof globalThis & { __nidanUnknownEmailImitations?: number; __nidanArgon2Slots?: { refusals?: number } };
  return {
    argon2: argon2Computations.admitted(),
    unknownEmailImitations: shared.__nidanUnknownEmailImitations ?? 0,
    hashQueueRefusals: shared.__nidanArgon2Slots?.refusals ?? 0,
  };
}

function probe(): Probe {
  return { argon2: argon2Computations.admitted(), mainCpuMs: mainThreadCpuMs(), processCpuMs: processCpuMs() };
}

// BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the server's main thread for each load window
// (open it in Chrome DevTools), to see where a sign-in's time goes.
const profileDir = process.env.BENCH_CPU_PROFILE;
let profiler: Session | undefined;
let profileCount = 0;

async function eventLoop(action: "start" | "stop"): Promise<EventLoopStats | null> {
  if (action === "start") {
    if (profileDir) {
      profiler = new Session();
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    eventLoopHistogram.reset();
    eventLoopHistogram.enable();
    cpuAtStart = { main: mainThreadCpuMs(), threads: cpuByThread() };
    return null;
  }
  eventLoopHistogram.disable();
  if (profiler && profileDir) {
    const { profile } = await profiler.post("Profiler.stop");
    profileCount += 1;
    writeFileSync(path.join(profileDir, `load-${process.pid}-${profileCount}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
  }
  const threadsNow = cpuByThread();
  return {
    p50Ms: eventLoopHistogram.percentile(50) / 1e6,
    p99Ms: eventLoopHistogram.percentile(99) / 1e6,
    maxMs: eventLoopHistogram.max / 1e6,
    samples: eventLoopHistogram.count,
    mainThreadCpuMs: minus(mainThreadCpuMs(), cpuAtStart?.main ?? null),
    processCpuMs: cpuAtStart ? minus(totalCpuMs(threadsNow), totalCpuMs(cpuAtStart.threads)) : null,
    argon2PoolCpuMs: argon2PoolThreads.size > 0 && cpuAtStart ? argon2PoolCpuMs(threadsNow) - argon2PoolCpuMs(cpuAtStart.threads) : null,
  };
}

async function main() {
  if (!process.send) throw new Error("server-host.ts is started by scripts/bench/index.ts");
  const server = await startNext();
  const l = await lib();
  await l.db.$queryRaw`SELECT 1`;
  const database = l.getConfig().databaseUrl ? "postgresql" : "embedded";
  const ready: HostReady = { type: "ready", port: server.port, distDir: process.env.NEXT_DIST_DIR ?? ".next", database };
  process.send(ready);

  process.on("message", async (message: HostRequest) => {
    const reply = (value: unknown) => process.send?.({ id: message.id, ok: true, value } satisfies HostReply);
    try {
      switch (message.type) {
        case "probe":
          return reply(probe());
        case "counters":
          return reply(counters());
        case "createUsers":
          return reply(await createUsers(l, message));
        case "rawVerify":
          return reply(await rawVerify(l, message.samples));
        case "rawThroughput":
          return reply(await rawThroughput(l, message.concurrency, message.total));
        case "passwordStepDirect":
          return reply(await passwordStepDirect(l, message.email, message.password));
        case "eventLoop":
          return reply(await eventLoop(message.action));
        case "close": {
          const closing = (async () => {
            await server.close();
            await l.closeDb();
          })();
          // Whatever still holds the loop (a keep-alive socket, a pool), 5 s is enough.
          await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          reply(null);
          setTimeout(() => process.exit(0), 50);
          return;
        }
      }
    } catch (error) {
      process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies HostReply);
    }
  });
}

main().catch((error) => {
  console.error("[bench] server host failed:", error);
  process.exit(1);
});
