// The parent's side of server-host.ts: starts it with the right environment and sends it messages.
import { type ChildProcess, fork } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchUser, Counters, DirectStep, EventLoopStats, HostReady, HostReply, HostRequest, Probe, RawThroughput, RawVerifySample } from "./protocol";

const hostScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "server-host.ts");

type Payload<T extends HostRequest["type"]> = Omit<Extract<HostRequest, { type: T }>, "id">;
/** One of the requests, without its id (Omit over each member of the union). */
type AnyPayload = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, "id"> : never) : never;

export class ServerHost {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: HostReady,
    readonly logPath: string,
  ) {
    child.on("message", (message: HostReply) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`server host: ${message.error}`));
    });
    child.on("exit", (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`server host exited (${code}); see ${logPath}`));
      this.pending.clear();
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ready.port}`;
  }

  /** Starts the production build in a child process; its output goes to `logPath`. */
  static async start(options: { env: NodeJS.ProcessEnv; logPath: string; repoRoot: string }): Promise<ServerHost> {
    const log = createWriteStream(options.logPath);
    const child = fork(hostScript, [], {
      cwd: options.repoRoot,
      env: { ...options.env, BENCH_REPO_ROOT: options.repoRoot },
      // ESM hooks only: lib/ is imported as ESM, and Next.js's own require() calls stay untouched.
      // BENCH_HOST_FLAGS: Node or V8 flags to try on the server (e.g. --single-threaded-gc,
      // which NODE_OPTIONS refuses).
      execArgv: ["--import", "tsx/esm", ...(process.env.BENCH_HOST_FLAGS?.split(" ").filter(Boolean) ?? [])],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const ready = await new Promise<HostReady>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s; see ${options.logPath}`)), 120_000);
      child.once("message", (message: HostReady) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) before it was ready; see ${options.logPath}`));
      });
    });
    return new ServerHost(child, ready, options.logPath);
  }

  private send(payload: AnyPayload): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...payload, id });
    });
  }

  /** Cheap to read (no /proc): polled while a flood is taken in. */
  async counters(): Promise<Counters> {
    return (await this.send({ type: "counters" })) as Counters;
  }

  /** The argon2 counter and CPU times of the server's process. */
  async probe(): Promise<Probe> {
    return (await this.send({ type: "probe" })) as Probe;
  }

  async argon2Count(): Promise<number> {
    return (await this.probe()).argon2;
  }

  async createUsers(options: Omit<Payload<"createUsers">, "type">): Promise<BenchUser[]> {
    return (await this.send({ type: "createUsers", ...options })) as BenchUser[];
  }

  async rawVerify(samples: number): Promise<RawVerifySample[]> {
    return (await this.send({ type: "rawVerify", samples })) as RawVerifySample[];
  }

  async rawThroughput(concurrency: number, total: number): Promise<RawThroughput> {
    return (await this.send({ type: "rawThroughput", concurrency, total })) as RawThroughput;
  }

  async passwordStepDirect(user: BenchUser): Promise<DirectStep> {
    return (await this.send({ type: "passwordStepDirect", email: user.email, password: user.password })) as DirectStep;
  }

  async eventLoopStart(): Promise<void> {
    await this.send({ type: "eventLoop", action: "start" });
  }

  async eventLoopStop(): Promise<EventLoopStats> {
    return (await this.send({ type: "eventLoop", action: "stop" })) as EventLoopStats;
  }

  /** Stops the server and closes the database (PGlite admits one process: the cold start needs it). */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    await this.send({ type: "close" }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
