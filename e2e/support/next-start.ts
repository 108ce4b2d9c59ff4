import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `next start` of this build for the suites that need a server of their own (settings,
 * database or lifetime the shared e2e server cannot give them): on loopback and the port
 * given, in its own process group, so that stopping it also stops anything it forks.
 */
export type NextStartProcess = {
  pid: number;
  /** Everything the server printed to stdout and stderr. */
  log(): string;
  hasExited(): boolean;
  /** SIGTERM to the process group, SIGKILL after 10 s; resolves once the server has exited. */
  stop(): Promise<void>;
};

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const nextBin = path.join(repoRoot, "node_modules", "next", "dist", "bin", "next");
const killAfterMs = 10_000;

export function spawnNextStart(options: { port: number; env: NodeJS.ProcessEnv; onOutput?: (text: string) => void }): NextStartProcess {
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(options.port)], {
    cwd: repoRoot,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const record = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output += text;
    options.onOutput?.(text);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    pid: child.pid ?? -1,
    log: () => output,
    hasExited: () => exited,
    stop: async () => {
      if (!child.pid || exited) return;
      signalGroup("SIGTERM");
      const killTimer = setTimeout(() => signalGroup("SIGKILL"), killAfterMs);
      await exit;
      clearTimeout(killTimer);
    },
  };
}

/**
 * Polls `url` every 250 ms until it answers 200. Throws with the last answer and the log's
 * tail when the server exits first or `deadline` (epoch ms) passes.
 */
export async function waitUntilAnswering(
  server: NextStartProcess,
  options: { url: string; deadline: number; headers?: Record<string, string>; name?: string },
): Promise<void> {
  const name = options.name ?? "next start";
  let lastAnswer = "no answer yet";
  for (;;) {
    if (server.hasExited()) throw new Error(`${name} exited before ${options.url} answered. Log:\n${server.log().slice(-4000)}`);
    if (Date.now() > options.deadline) {
      throw new Error(`${name} did not answer ${options.url} with 200 in time (last: ${lastAnswer}). Log:\n${server.log().slice(-4000)}`);
    }
    try {
      const response = await fetch(options.url, { headers: options.headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
      const body = await response.text();
      if (response.status === 200) return;
      lastAnswer = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      lastAnswer = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
