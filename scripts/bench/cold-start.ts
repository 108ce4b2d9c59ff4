// Cold start: from spawning `npm start` to the first 200 on /login, with an existing database.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { freePort } from "../../e2e/support/free-port";
import { sleep } from "./stats";

async function firstOk(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { headers: { "accept-language": "en" }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  throw new Error(`no 200 from ${url} within the time limit`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the process group this run started (npm, sh, next-server), SIGKILL after 10 s. */
async function stopGroup(pid: number) {
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  const deadline = performance.now() + 10_000;
  while (groupAlive(pid) && performance.now() < deadline) await sleep(50);
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  while (groupAlive(pid)) await sleep(50);
}

/** Median of `runs` starts; each server is stopped (its whole process group) before the next. */
export async function measureColdStart(options: { repoRoot: string; env: NodeJS.ProcessEnv; runs: number; logPath: string }): Promise<number[]> {
  const log = createWriteStream(options.logPath, { flags: "a" });
  const times: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...options.env, PORT: String(port) };
    // `npm start` sets NODE_ENV itself, as it does for an admin.
    Reflect.deleteProperty(env, "NODE_ENV");
    const started = performance.now();
    const child = spawn("npm", ["start"], {
      cwd: options.repoRoot,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      await Promise.race([
        firstOk(`http://127.0.0.1:${port}/login`, started + 120_000),
        exited.then(() => {
          throw new Error(`npm start exited before answering; see ${options.logPath}`);
        }),
      ]);
      times.push(performance.now() - started);
    } finally {
      if (child.pid) await stopGroup(child.pid);
    }
  }
  log.end();
  return times;
}
