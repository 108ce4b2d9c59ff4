// The results table: printed, and written to bench/results.md.
import type { PageBytes, NoScriptCheck } from "./browser";
import type { BackupCodeAttempt, CpuSample, LoadResult, StepTimings } from "./sign-in";
import { type FloodResult, floodRatio, pageFloodRatio } from "./flood";
import { median, p95, round } from "./stats";

export const goals = {
  passwordRatio: 1.3,
  loadRatio: 0.8,
  eventLoopP99Ms: 50,
  bytesRatio: 1.15,
  floodRatio: 1.5,
} as const;

export type DatabaseRun = {
  database: "embedded" | "postgresql";
  steps: StepTimings;
  backupCodes: BackupCodeAttempt[];
  flood: FloodResult;
  /** Without JavaScript (form posts): the sign-in alone; the window with the median ratio. */
  load: LoadResult;
  /** Every load window without JavaScript, in the order run (`load` is one of them). */
  loadWindows: LoadResult[];
  /** With JavaScript: every response also carries the next page's render. */
  loadWithJavaScript: LoadResult;
  coldStartMs: number[];
};

export type BenchResults = {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  buildId: string;
  distDir: string;
  samples: number;
  warmUp: number;
  runs: DatabaseRun[];
  bytes: { empty: PageBytes; pages: PageBytes[] };
  noScript: NoScriptCheck[];
};

type Row = { figure: string; values: string[]; goal: string; pass: boolean | null };

/** Sign-ins per second ÷ raw argon2 verifies per second: the figure the goal holds. */
export const loadRatio = (load: LoadResult) => load.perSecond / load.rawPerSecond;

const ms = (value: number) => `${round(value, 1)} ms`;
const kB = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const verdict = (pass: boolean | null) => (pass === null ? "context" : pass ? "pass" : "**FAIL**");
const same = (values: number[], expected: number) => values.length > 0 && values.every((value) => value === expected);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const distinct = (values: number[]) => [...new Set(values)].sort((a, b) => a - b).join(", ");

/**
 * Where a complete sign-in's CPU goes under load, against one raw verify's. When the cores are
 * the limit, the load ratio cannot exceed raw verify CPU ÷ (server + load generator CPU per
 * sign-in): the "CPU bound", and the goal leaves raw × (1 ÷ goal − 1) for everything but the hash.
 */
function cpuCell(load: LoadResult): string {
  const { processCpuMs, mainThreadCpuMs, argon2PoolCpuMs } = load.eventLoop;
  if (processCpuMs === null || mainThreadCpuMs === null || load.rawBefore.processCpuMs === null || load.rawAfter.processCpuMs === null) return "(no /proc)";
  const completed = Math.max(1, load.completed);
  const perVerify = (load.rawBefore.processCpuMs + load.rawAfter.processCpuMs) / (load.rawBefore.total + load.rawAfter.total);
  const server = processCpuMs / completed;
  const client = load.clientCpuMs / completed;
  const mainThread = `main thread ${ms(mainThreadCpuMs / completed)}`;
  const split =
    argon2PoolCpuMs === null
      ? mainThread
      : `${mainThread}, libuv pool (argon2) ${ms(argon2PoolCpuMs / completed)}, V8's helper threads ${ms((processCpuMs - mainThreadCpuMs - argon2PoolCpuMs) / completed)}`;
  const beyondHash = server + client - perVerify;
  const budget = perVerify * (1 / goals.loadRatio - 1);
  return `${ms(server)} (${split}) vs ${ms(perVerify)}; the load generator's own: ${ms(client)}; CPU bound ${round(perVerify / (server + client), 2)}; beyond the hash ${ms(beyondHash)} where ${goals.loadRatio} allows ${ms(budget)}`;
}

const known = (values: (number | null)[]) => values.filter((value): value is number => value !== null);

/** Server CPU time of a request (all threads) ÷ that of one raw verify, and the main thread's share. */
function cpuRatio(samples: CpuSample[], run: DatabaseRun): string {
  const all = known(samples.map((sample) => sample.all));
  const main = known(samples.map((sample) => sample.main));
  const raw = known(run.steps.rawVerifyCpuMs);
  if (!all.length || !raw.length) return "";
  return `; CPU ${round(median(all) / median(raw), 2)} × a verify's (main thread ${ms(median(main))})`;
}

function rows(results: BenchResults): Row[] {
  const runs = results.runs;
  const each = <T>(pick: (run: DatabaseRun) => T) => runs.map(pick);
  const out: Row[] = [];
  const raw = (run: DatabaseRun) => median(run.steps.rawVerifyMs);
  const ratioCell = (values: number[], run: DatabaseRun, cpu: CpuSample[]) =>
    `${round(median(values) / raw(run), 2)} (${ms(median(values))} ÷ ${ms(raw(run))}; p95 ${ms(p95(values))}${cpuRatio(cpu, run)})`;

  out.push({
    figure: "Password step: median server time ÷ one raw argon2 verify (median, same run)",
    values: each((run) => ratioCell(run.steps.form.passwordMs, run, run.steps.form.passwordCpu)),
    goal: `≤ ${goals.passwordRatio}`,
    pass: runs.every((run) => median(run.steps.form.passwordMs) / raw(run) <= goals.passwordRatio),
  });
  out.push({
    figure: "… the same request with JavaScript on (its response also carries Next.js's render of /login/two-factor)",
    values: each((run) => ratioCell(run.steps.fetch.passwordMs, run, run.steps.fetch.passwordCpu)),
    goal: "—",
    pass: null,
  });
  out.push({
    figure: "… the step's domain code alone (verifyPasswordStep called in the server's process, no HTTP)",
    values: each((run) => ratioCell(run.steps.libPasswordMs, run, run.steps.libPasswordCpu)),
    goal: "—",
    pass: null,
  });
  out.push({
    figure: "… the framework's floor: a server-action form post that does no sign-in work (language switcher), ÷ raw verify",
    values: each((run) => ratioCell(run.steps.floorMs, run, run.steps.floorCpu)),
    goal: "—",
    pass: null,
  });
  out.push({
    figure: "Password step: argon2 computations per request (without; with JavaScript)",
    values: each((run) => `${distinct(run.steps.form.passwordArgon2)}; ${distinct(run.steps.fetch.passwordArgon2)}`),
    goal: "1",
    pass: runs.every((run) => same(run.steps.form.passwordArgon2, 1) && same(run.steps.fetch.passwordArgon2, 1)),
  });
  out.push({
    figure: "Code step (TOTP): argon2 computations per request (without; with JavaScript)",
    values: each((run) => `${distinct(run.steps.form.codeArgon2)}; ${distinct(run.steps.fetch.codeArgon2)}`),
    goal: "0",
    pass: runs.every((run) => same(run.steps.form.codeArgon2, 0) && same(run.steps.fetch.codeArgon2, 0)),
  });
  out.push({
    figure: "Code step (TOTP): median / p95 server time (with JavaScript, incl. the render of /settings)",
    values: each(
      (run) =>
        `${ms(median(run.steps.form.codeMs))} / ${ms(p95(run.steps.form.codeMs))} (${ms(median(run.steps.fetch.codeMs))} / ${ms(p95(run.steps.fetch.codeMs))}); ${round(median(run.steps.form.codeMs) / raw(run), 2)} × raw verify${cpuRatio(run.steps.form.codeCpu, run)}`,
    ),
    goal: "—",
    pass: null,
  });
  const atLeft = (run: DatabaseRun, left: number) => run.backupCodes.find((attempt) => attempt.codesLeft === left);
  out.push({
    figure: "Backup-code step: argon2 per attempt with 10 / 5 / 1 codes left (right code; wrong code)",
    values: each((run) => {
      const picked = [10, 5, 1].map((left) => atLeft(run, left));
      return `${picked.map((a) => a?.rightCodeArgon2 ?? "?").join(" / ")}; ${picked.map((a) => a?.wrongCodeArgon2 ?? "?").join(" / ")}`;
    }),
    goal: "1 each",
    pass: runs.every((run) =>
      [10, 5, 1].every((left) => {
        const attempt = atLeft(run, left);
        return attempt !== undefined && attempt.rightCodeArgon2 === 1 && attempt.wrongCodeArgon2 === 1;
      }),
    ),
  });
  out.push({
    figure: "Backup-code step: each code signs in once, a wrong code is refused",
    values: each(
      (run) =>
        `${run.backupCodes.filter((a) => a.signedIn).length} of 10 signed in; ${run.backupCodes.filter((a) => a.wrongRefused).length} of 10 wrong refused`,
    ),
    goal: "10; 10",
    pass: runs.every((run) => run.backupCodes.every((a) => a.signedIn && a.wrongRefused)),
  });
  out.push(...floodRows(runs));
  const concurrency = runs[0]?.load.concurrency ?? 64;
  out.push({
    figure: `Load, ${concurrency} concurrent complete sign-ins (password + code): sign-ins/s ÷ raw argon2 verifies/s (${runs[0]?.load.rawBefore.concurrency ?? "?"} at once, the app's own limit)`,
    values: each(
      (run) =>
        `${round(loadRatio(run.load), 2)} (${round(run.load.perSecond, 1)} ÷ ${round(run.load.rawPerSecond, 1)} /s; sign-in p50 ${ms(median(run.load.latencyMs))}; ` +
        `median of ${run.loadWindows.length} windows: ${run.loadWindows.map((window) => round(loadRatio(window), 2)).join(", ")})`,
    ),
    goal: `≥ ${goals.loadRatio}`,
    pass: runs.every((run) => loadRatio(run.load) >= goals.loadRatio),
  });
  out.push({
    figure: "Load: server event-loop delay, p99 (the median window; the worst window)",
    values: each(
      (run) =>
        `${ms(run.load.eventLoop.p99Ms)} (max ${ms(run.load.eventLoop.maxMs)}; the idle server's p99 just before: ${ms(run.load.idleEventLoop.p99Ms)}); ` +
        `${ms(Math.max(...run.loadWindows.map((window) => window.eventLoop.p99Ms)))}`,
    ),
    goal: `< ${goals.eventLoopP99Ms} ms`,
    pass: runs.every((run) => run.loadWindows.every((window) => window.eventLoop.p99Ms < goals.eventLoopP99Ms)),
  });
  out.push({
    figure: "Load: errors (without JavaScript, every window; with JavaScript)",
    values: each((run) => `${sum(run.loadWindows.map((w) => w.errors))} of ${sum(run.loadWindows.map((w) => w.signIns))}; ${run.loadWithJavaScript.errors} of ${run.loadWithJavaScript.signIns}`),
    goal: "0",
    pass: runs.every((run) => run.loadWindows.every((window) => window.errors === 0) && run.loadWithJavaScript.errors === 0),
  });
  out.push({
    figure: "Load: hashes refused by the full queue, \"busy\" (without JavaScript, every window; with JavaScript)",
    values: each((run) => `${sum(run.loadWindows.map((w) => w.hashQueueRefusals))}; ${run.loadWithJavaScript.hashQueueRefusals}`),
    goal: "0",
    pass: runs.every((run) => run.loadWindows.every((window) => window.hashQueueRefusals === 0) && run.loadWithJavaScript.hashQueueRefusals === 0),
  });
  out.push({
    figure: "Load: argon2 computations per complete sign-in (without JavaScript, each window; with JavaScript)",
    values: each((run) => `${run.loadWindows.map((w) => round(w.argon2PerSignIn, 2)).join(", ")}; ${round(run.loadWithJavaScript.argon2PerSignIn, 2)}`),
    goal: "1",
    pass: runs.every((run) => run.loadWindows.every((window) => window.argon2PerSignIn === 1) && run.loadWithJavaScript.argon2PerSignIn === 1),
  });
  out.push({
    figure: "… server CPU per complete sign-in (main thread, libuv pool, V8's helpers) vs per raw verify; the load generator's CPU per sign-in (same cores); the ratio the cores allow (raw verify CPU ÷ all CPU per sign-in); the CPU beyond the hash against what the goal leaves for it",
    values: each((run) => cpuCell(run.load)),
    goal: "—",
    pass: null,
  });
  out.push({
    figure: "… the same load with JavaScript on (each response also renders the next page): ratio; event-loop p99",
    values: each(
      (run) =>
        `${round(loadRatio(run.loadWithJavaScript), 2)} (${round(run.loadWithJavaScript.perSecond, 1)} ÷ ${round(run.loadWithJavaScript.rawPerSecond, 1)} /s); ${ms(run.loadWithJavaScript.eventLoop.p99Ms)}; ${cpuCell(run.loadWithJavaScript)}`,
    ),
    goal: "—",
    pass: null,
  });

  const empty = results.bytes.empty;
  for (const page of results.bytes.pages) {
    const ratio = page.jsTransferBytes / empty.jsTransferBytes;
    out.push({
      figure: `JavaScript loaded by ${page.name} ÷ by an empty page (as transferred, gzip)`,
      values: runs.map((_, i) => (i === 0 ? `${round(ratio, 3)} (${kB(page.jsTransferBytes)} ÷ ${kB(empty.jsTransferBytes)})` : "(same build)")),
      goal: `≤ ${goals.bytesRatio}`,
      pass: page.expectedTextFound && ratio <= goals.bytesRatio,
    });
  }
  for (const check of results.noScript) {
    out.push({
      figure: `Without JavaScript: ${check.name} (${check.path})`,
      values: runs.map((_, i) => (i === 0 ? (check.works ? `works: ${check.detail}` : `fails: ${check.detail}`) : "(same build)")),
      goal: "works",
      pass: check.works,
    });
  }
  out.push({
    figure: "Cold start: `npm start` → first 200 on /login, existing database (median of runs)",
    values: each((run) => `${ms(median(run.coldStartMs))} (runs: ${run.coldStartMs.map((t) => Math.round(t)).join(", ")} ms)`),
    goal: "—",
    pass: null,
  });
  return out;
}

function floodRows(runs: Pick<DatabaseRun, "flood">[]): Row[] {
  const each = (cell: (run: Pick<DatabaseRun, "flood">) => string) => runs.map(cell);
  const size = runs[0]?.flood.floodSize ?? 150;
  return [
    {
      figure: `Flood: a real password step while ${size} unknown-email log-ins from one client are answered ÷ the same step alone (median of ${runs[0]?.flood.duringMs.length ?? "?"} rounds)`,
      values: each(
        ({ flood }) =>
          `${round(floodRatio(flood), 2)} (${ms(median(flood.duringMs))} ÷ ${ms(median(flood.aloneMs))}; rounds: ${flood.duringMs.map((t) => Math.round(t)).join(", ")} ms)`,
      ),
      goal: `≤ ${goals.floodRatio}`,
      pass: runs.every(({ flood }) => floodRatio(flood) <= goals.floodRatio),
    },
    {
      figure: "… the flood's answers (incorrect; busy; other), its hashes, answers without a hash, refusals of the full queue, and the time to its last answer (median)",
      values: each(
        ({ flood }) =>
          `${flood.answers.incorrect}; ${flood.answers.busy}; ${flood.answers.other} — ${flood.hashes} hashes, ${flood.imitations} without, ${flood.refusals} refused; ${ms(median(flood.floodMs))}`,
      ),
      goal: "—",
      pass: null,
    },
    {
      figure: `… the floor: the same step while ${size} plain GET /login from one client are answered ÷ alone (no action, no hash: what no limit inside the app can remove)`,
      values: each(
        ({ flood }) =>
          `${round(pageFloodRatio(flood), 2)} (${ms(median(flood.pageFloodMs))} ÷ ${ms(median(flood.aloneMs))}; rounds: ${flood.pageFloodMs.map((t) => Math.round(t)).join(", ")} ms)`,
      ),
      goal: "—",
      pass: null,
    },
  ];
}

/** BENCH_ONLY=flood: the flood rows alone, for one database. */
export function renderFloodText(database: string, flood: FloodResult): string {
  return floodRows([{ flood }])
    .map((row) => `${row.figure}\n  ${database}: ${row.values[0]}  (goal ${row.goal}: ${verdict(row.pass).replace(/\*/g, "")})`)
    .join("\n");
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const databases = results.runs.map((run) => (run.database === "embedded" ? "embedded (PGlite)" : "PostgreSQL"));
  const table = rows(results);
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (scripts/bench); how each figure is measured: [ADR 0003](../docs/decisions/0003-benchmark-method.md).",
    "",
    `- Date: ${results.date}`,
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.platform}, Node ${m.node}`,
    // Only the start tells of other processes: by the end the average holds the benchmark's own load.
    `- Load average (1, 5, 15 min) at start ${m.loadAverageStart.map((v) => round(v, 2)).join(", ")}, at end (the benchmark's own load included) ${m.loadAverageEnd.map((v) => round(v, 2)).join(", ")}` +
      (m.loadAverageStart[0] > m.cpus * 0.5 ? " — other processes were using the machine: absolute times are inflated" : ""),
    `- Build: ${results.distDir} (BUILD_ID ${results.buildId}); ${results.samples} sequential sign-ins per step after ${results.warmUp} warm-up ones`,
    "",
    `| figure | ${databases.join(" | ")} | goal | result |`,
    `| --- | ${databases.map(() => "---").join(" | ")} | --- | --- |`,
    ...table.map((row) => `| ${escape(row.figure)} | ${row.values.map(escape).join(" | ")} | ${escape(row.goal)} | ${verdict(row.pass)} |`),
    "",
    "## Details",
    "",
    "JavaScript per page (bytes as transferred, the scripts beyond the empty page's):",
    "",
  ];
  const emptyScripts = new Set(results.bytes.empty.scripts.map((script) => script.url));
  for (const page of [results.bytes.empty, ...results.bytes.pages]) {
    const extra = page.scripts.filter((script) => !emptyScripts.has(script.url));
    const encodings = [...new Set(page.scripts.map((script) => script.encoding))].join(", ");
    lines.push(
      `- ${page.name} \`${page.path}\` (HTTP ${page.status}): ${page.scripts.length} scripts, ${kB(page.jsTransferBytes)} transferred (${encodings}), ${kB(page.jsDecodedBytes)} decoded` +
        (page === results.bytes.empty ? "" : `; beyond the empty page: ${extra.length ? extra.map((s) => `${s.url.split("/").pop()} ${kB(s.transferBytes)}`).join(", ") : "none"}`),
    );
  }
  for (const run of results.runs) {
    for (const load of [...run.loadWindows, run.loadWithJavaScript]) {
      if (load.errorSamples.length) lines.push("", `Load errors on ${run.database}: ${load.errorSamples.map((e) => `\`${e}\``).join("; ")}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

/** A plain-text table for the terminal. */
export function renderText(results: BenchResults): string {
  const table = rows(results);
  const header = ["figure", ...results.runs.map((run) => run.database), "goal", "result"];
  const body = table.map((row) => [row.figure, ...row.values, row.goal, verdict(row.pass).replace(/\*/g, "")]);
  const widths = header.map((_, column) => Math.min(70, Math.max(...[header, ...body].map((cells) => cells[column].length))));
  const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  return [header, ...body].map((cells) => cells.map((cell, i) => cut(cell, widths[i])).join("  ")).join("\n");
}
