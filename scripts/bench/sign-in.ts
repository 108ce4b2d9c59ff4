// The sign-in figures, over HTTP with recorded server-action requests: the password step, the
// security-code step, the backup-code step, and complete sign-ins under load.
import { performance } from "node:perf_hooks";
import { type ActionSet, codeStep, passwordStep, type RecordedActions, replayAction, totpCode } from "./actions";
import type { ServerHost } from "./host";
import type { BenchUser, EventLoopStats, RawThroughput } from "./protocol";
import { sleep } from "./stats";

/** Server CPU time of one request (ms): its main thread, and all its threads. */
export type CpuSample = { main: number | null; all: number | null };

export type StepSamples = {
  passwordMs: number[];
  codeMs: number[];
  passwordCpu: CpuSample[];
  codeCpu: CpuSample[];
  /** argon2 computations the server made during each request. */
  passwordArgon2: number[];
  codeArgon2: number[];
};

export type StepTimings = {
  /** One raw argon2 verify (same parameters) in the server's process, just before each sample. */
  rawVerifyMs: number[];
  rawVerifyCpuMs: (number | null)[];
  /** Without JavaScript: each step is a form post answered by a 303 (the step alone). */
  form: StepSamples;
  /** With JavaScript: each response also carries Next.js's render of the page redirected to. */
  fetch: StepSamples;
  /** A server-action form post with no sign-in work (the language switcher): the framework's floor. */
  floorMs: number[];
  floorCpu: CpuSample[];
  /** verifyPasswordStep (lib/) called in the server's process: the step without HTTP or Next.js. */
  libPasswordMs: number[];
  libPasswordCpu: CpuSample[];
};

const emptySamples = (): StepSamples => ({ passwordMs: [], codeMs: [], passwordCpu: [], codeCpu: [], passwordArgon2: [], codeArgon2: [] });

const diff = (after: number | null, before: number | null) => (after === null || before === null ? null : after - before);

/** Runs `request` and returns what the server counted meanwhile (sequential requests only). */
async function probed<T>(host: ServerHost, request: () => Promise<T>): Promise<{ result: T; argon2: number; cpu: CpuSample }> {
  const before = await host.probe();
  const result = await request();
  const after = await host.probe();
  return {
    result,
    argon2: after.argon2 - before.argon2,
    cpu: { main: diff(after.mainCpuMs, before.mainCpuMs), all: diff(after.processCpuMs, before.processCpuMs) },
  };
}

async function signInOnce(host: ServerHost, actions: ActionSet, user: BenchUser) {
  const password = await probed(host, () => passwordStep(host.baseUrl, actions, user));
  const code = await probed(host, async () => codeStep(host.baseUrl, actions.securityCode, password.result.pending, await totpCode(user)));
  if (!code.result.ok) throw new Error(`security-code step for ${user.email}: status ${code.result.result.status}, redirect ${code.result.result.redirect}`);
  return { password, code };
}

function push(samples: StepSamples, one: Awaited<ReturnType<typeof signInOnce>>) {
  samples.passwordMs.push(one.password.result.ms);
  samples.codeMs.push(one.code.result.ms);
  samples.passwordCpu.push(one.password.cpu);
  samples.codeCpu.push(one.code.cpu);
  samples.passwordArgon2.push(one.password.argon2);
  samples.codeArgon2.push(one.code.argon2);
}

/**
 * Sequential samples. Each one: a raw argon2 verify in the server's process, the framework's
 * floor (a form post that does no sign-in work), the password step's domain code called
 * directly, then a complete sign-in without JavaScript and one with it (a fresh user each: a
 * time step is accepted once per user). Interleaving lets every figure see the same machine load.
 */
export async function measureSteps(options: {
  host: ServerHost;
  actions: RecordedActions;
  users: BenchUser[];
  directUser: BenchUser;
  warmUp: number;
}): Promise<StepTimings> {
  const { host, actions } = options;
  const timings: StepTimings = {
    rawVerifyMs: [],
    rawVerifyCpuMs: [],
    form: emptySamples(),
    fetch: emptySamples(),
    floorMs: [],
    floorCpu: [],
    libPasswordMs: [],
    libPasswordCpu: [],
  };
  const samples = Math.floor(options.users.length / 2);
  for (let index = 0; index < samples; index += 1) {
    const [raw] = await host.rawVerify(1);
    const floor = await probed(host, () => replayAction({ baseUrl: host.baseUrl, action: actions.form.switchLanguage, values: {} }));
    if (floor.result.status !== 303) throw new Error(`language switcher: status ${floor.result.status}`);
    const direct = await host.passwordStepDirect(options.directUser);
    if (direct.outcome !== "two_factor_required" || direct.argon2 !== 1) throw new Error(`verifyPasswordStep: ${JSON.stringify(direct)}`);
    const form = await signInOnce(host, actions.form, options.users[2 * index]);
    const fetched = await signInOnce(host, actions.fetch, options.users[2 * index + 1]);
    if (index < options.warmUp) continue;
    timings.rawVerifyMs.push(raw.ms);
    timings.rawVerifyCpuMs.push(raw.cpuMs);
    timings.floorMs.push(floor.result.ms);
    timings.floorCpu.push(floor.cpu);
    timings.libPasswordMs.push(direct.ms);
    timings.libPasswordCpu.push({ main: direct.mainCpuMs, all: direct.processCpuMs });
    push(timings.form, form);
    push(timings.fetch, fetched);
  }
  return timings;
}

export type BackupCodeAttempt = { codesLeft: number; wrongCodeArgon2: number; rightCodeArgon2: number; signedIn: boolean; wrongRefused: boolean };

/**
 * Signs one user in with each of its ten backup codes in turn; before each, a wrong code.
 * Reports the argon2 computations of both attempts with 10, 9, … 1 codes left.
 */
export async function measureBackupCodes(options: { host: ServerHost; actions: ActionSet; user: BenchUser }): Promise<BackupCodeAttempt[]> {
  const { host, actions, user } = options;
  const codes = user.backupCodes ?? [];
  if (codes.length !== 10) throw new Error("the backup-code user needs 10 codes");
  const wrongCode = wrongBackupCode(codes);
  const attempts: BackupCodeAttempt[] = [];
  for (const [index, code] of codes.entries()) {
    const { pending } = await passwordStep(host.baseUrl, actions, user);
    const c0 = await host.argon2Count();
    const wrong = await codeStep(host.baseUrl, actions.backupCode, pending, wrongCode);
    const c1 = await host.argon2Count();
    const right = await codeStep(host.baseUrl, actions.backupCode, pending, code);
    const c2 = await host.argon2Count();
    attempts.push({ codesLeft: codes.length - index, wrongCodeArgon2: c1 - c0, rightCodeArgon2: c2 - c1, signedIn: right.ok, wrongRefused: !wrong.ok });
  }
  return attempts;
}

export function wrongBackupCode(codes: string[]): string {
  let candidate = 12_345_678;
  while (codes.includes(String(candidate))) candidate += 1;
  return String(candidate);
}

export type LoadResult = {
  concurrency: number;
  signIns: number;
  completed: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  perSecond: number;
  argon2PerSignIn: number;
  /** Hashes the full queue refused ("busy", ADR 0010): a normal burst must see none. */
  hashQueueRefusals: number;
  eventLoop: EventLoopStats;
  /** The same measure over 3 s with no request: how much the machine alone delays the loop. */
  idleEventLoop: EventLoopStats;
  rawBefore: RawThroughput;
  rawAfter: RawThroughput;
  /** Mean of the raw argon2 throughput measured just before and just after the load. */
  rawPerSecond: number;
  latencyMs: number[];
  /** CPU of this process (the load generator, on the same cores as the server) during the load. */
  clientCpuMs: number;
};

/**
 * `concurrency` clients, each signing in (password step, then security code) one fresh user
 * after another until every user has signed in once. The raw baseline is the same number of
 * argon2 verifies, as many at once as the app runs (one per core), in the server's process,
 * just before and after.
 */
export async function measureLoad(options: { host: ServerHost; actions: ActionSet; users: BenchUser[]; concurrency: number }): Promise<LoadResult> {
  const { host, actions, users, concurrency } = options;
  await host.eventLoopStart();
  await sleep(3_000);
  const idleEventLoop = await host.eventLoopStop();
  const rawBefore = await host.rawThroughput(concurrency, users.length);
  const queue = [...users];
  const errorSamples: string[] = [];
  const latencyMs: number[] = [];
  let completed = 0;
  let errors = 0;
  const countBefore = await host.argon2Count();
  const refusalsBefore = (await host.counters()).hashQueueRefusals;
  await host.eventLoopStart();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let user = queue.shift(); user; user = queue.shift()) {
        const begin = performance.now();
        try {
          const { pending } = await passwordStep(host.baseUrl, actions, user);
          const code = await codeStep(host.baseUrl, actions.securityCode, pending, await totpCode(user));
          if (!code.ok) throw new Error(`code step: status ${code.result.status}, redirect ${code.result.redirect}`);
          completed += 1;
          latencyMs.push(performance.now() - begin);
        } catch (error) {
          errors += 1;
          if (errorSamples.length < 3) errorSamples.push(error instanceof Error ? error.message.slice(0, 300) : String(error));
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const eventLoop = await host.eventLoopStop();
  const argon2 = (await host.argon2Count()) - countBefore;
  const hashQueueRefusals = (await host.counters()).hashQueueRefusals - refusalsBefore;
  const rawAfter = await host.rawThroughput(concurrency, users.length);
  const perSecond = (completed / elapsedMs) * 1000;
  return {
    concurrency,
    signIns: users.length,
    completed,
    errors,
    errorSamples,
    elapsedMs,
    perSecond,
    argon2PerSignIn: completed > 0 ? argon2 / users.length : Number.NaN,
    hashQueueRefusals,
    eventLoop,
    idleEventLoop,
    rawBefore,
    rawAfter,
    rawPerSecond: (rawBefore.perSecond + rawAfter.perSecond) / 2,
    latencyMs,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
  };
}
