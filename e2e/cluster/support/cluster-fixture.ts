import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, test as base } from "@playwright/test";
import pg from "pg";
import { freePort } from "../../support/free-port";
import { type NextStartProcess, spawnNextStart, waitUntilAnswering } from "../../support/next-start";

/**
 * Issue 4 points 2 and 5: Nidan as it runs in production, several instances over one
 * PostgreSQL. One cluster per Playwright worker:
 *
 *   - a PostgreSQL server of its own (a TypeScript port of scripts/postgres-server.sh:
 *     initdb into a temp dir, pg_ctl on a free loopback port, as the `postgres` user when
 *     root), which a test may stop and start again on the same data directory;
 *   - two `next start` processes on free ports, with the same DATABASE_URL, AUTH_SECRET and
 *     TOTP_ENCRYPTION_KEY (random per run), as two instances behind a load balancer would be.
 *
 * Both instances start at once on an empty database: the migrations run under Prisma's
 * advisory lock, so that is tested too. PostgreSQL's server binaries are required: without
 * them the fixture fails (CI installs them; see .ci/run).
 */

export type Query = <Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

export type Instance = {
  name: "A" | "B";
  baseURL: string;
  /** The `next start` process; the same one for the whole worker (the fault test checks that). */
  pid: number;
  /** True while the process runs. */
  isRunning(): boolean;
  /** Everything it printed to stdout and stderr. */
  log(): string;
};

export type Cluster = {
  instances: [Instance, Instance];
  a: Instance;
  b: Instance;
  /** postgresql://postgres@127.0.0.1:PORT/DB, as the instances use it. */
  databaseUrl: string;
  /** One short-lived connection per call, so it works across a stop and start. */
  query: Query;
  /** `pg_ctl stop -m fast`: every connection is cut, as when a managed database restarts. */
  stopDatabase(): Promise<void>;
  /** `pg_ctl start` on the same data directory and port. */
  startDatabase(): Promise<void>;
  isDatabaseRunning(): boolean;
  /** A new browser (cookie jar) whose relative URLs go to `instance`. */
  newContext(browser: Browser, instance: Instance): Promise<BrowserContext>;
  /** Closes every context `newContext` opened (after each test, automatically). */
  closeContexts(): Promise<void>;
};

/** The machine may be slow and shared: two builds of Next.js starting at once take time. */
const serverStartTimeoutMs = 240_000;


function randomKey(): string {
  return randomBytes(32).toString("base64");
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, as postgres-server.sh picks it. */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(path.join(root, version, "bin", "initdb")) && existsSync(path.join(root, version, "bin", "pg_ctl")))
        .sort((left, right) => left.localeCompare(right, "en", { numeric: true }))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "The cluster tests need PostgreSQL's server binaries (initdb, pg_ctl) in /usr/lib/postgresql/<version>/bin, and none were found. " +
        "Install them with `apt-get install postgresql` (.ci/run does so), then run the tests again.",
    );
  }
  return path.join(root, versions.at(-1)!, "bin");
}

const runningAsRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (runuser). */
function runAsOwner(command: string, args: string[]): string {
  const [file, fileArgs] = runningAsRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  try {
    return execFileSync(file, fileArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(command)} failed: ${failure.message}\n${failure.stdout ?? ""}${failure.stderr ?? ""}`);
  }
}

class PostgresServer {
  readonly dir: string;
  readonly port: number;
  private running = false;

  constructor(
    private readonly bin: string,
    port: number,
  ) {
    this.port = port;
    this.dir = mkdtempSync(path.join(os.tmpdir(), "nidan-cluster-pg-"));
    chmodSync(this.dir, 0o755);
    if (runningAsRoot) execFileSync("chown", ["postgres", this.dir]);
  }

  get dataDir() {
    return path.join(this.dir, "data");
  }

  get logPath() {
    return path.join(this.dir, "server.log");
  }

  get serverUrl() {
    return `postgresql://postgres@127.0.0.1:${this.port}`;
  }

  isRunning() {
    return this.running;
  }

  initdb() {
    runAsOwner(path.join(this.bin, "initdb"), ["-D", this.dataDir, "-U", "postgres", "--auth=trust"]);
  }

  start() {
    runAsOwner(path.join(this.bin, "pg_ctl"), [
      "-D",
      this.dataDir,
      "-l",
      this.logPath,
      "-o",
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-w",
      "-t",
      "120",
      "start",
    ]);
    this.running = true;
  }

  stop() {
    runAsOwner(path.join(this.bin, "pg_ctl"), ["-D", this.dataDir, "-m", "fast", "-w", "-t", "120", "stop"]);
    this.running = false;
  }

  /** Teardown: stop if running, then delete every file. */
  destroy() {
    try {
      if (existsSync(path.join(this.dataDir, "postmaster.pid"))) this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

class AppInstance {
  private server: NextStartProcess | undefined;

  constructor(
    readonly name: "A" | "B",
    readonly port: number,
    private readonly environment: NodeJS.ProcessEnv,
  ) {}

  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.server?.pid ?? -1;
  }

  log() {
    return this.server?.log() ?? "";
  }

  isRunning() {
    return this.server !== undefined && !this.server.hasExited();
  }

  spawn() {
    this.server = spawnNextStart({ port: this.port, env: this.environment });
  }

  /** Until GET /api/health answers 200: the database answers and every migration is applied. */
  async waitUntilHealthy(deadline: number) {
    if (!this.server) throw new Error(`Instance ${this.name} was not started`);
    await waitUntilAnswering(this.server, { url: `${this.baseURL}/api/health`, deadline, name: `Instance ${this.name} (next start)` });
  }

  async stop() {
    await this.server?.stop();
  }

  asInstance(): Instance {
    return { name: this.name, baseURL: this.baseURL, pid: this.pid, isRunning: () => this.isRunning(), log: () => this.log() };
  }
}

/** Variables of the shared e2e server or the developer's shell that must not reach the cluster. */
const notForwarded = [
  "PORT",
  "DATA_DIR",
  "DATABASE_URL",
  "AUTH_SECRET",
  "AUTH_URL",
  "TOTP_ENCRYPTION_KEY",
  "TOTP_ENCRYPTION_KEY_PREVIOUS",
  "SMTP_URL",
  "TRUSTED_PROXY_HEADER",
  "ALLOW_SIGNUP",
  "DEFAULT_LOCALE",
  "APP_NAME",
];

async function startCluster(): Promise<{ cluster: Cluster; stop(): Promise<void> }> {
  const bin = postgresBinDir();
  const postgres = new PostgresServer(bin, await freePort());
  const appDir = mkdtempSync(path.join(os.tmpdir(), "nidan-cluster-app-"));
  const instances: AppInstance[] = [];

  const stop = async () => {
    try {
      await Promise.all(instances.map((instance) => instance.stop()));
    } finally {
      try {
        postgres.destroy();
      } finally {
        rmSync(appDir, { recursive: true, force: true });
      }
    }
  };

  try {
    postgres.initdb();
    postgres.start();
    const databaseName = `nidan_cluster_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: `${postgres.serverUrl}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${databaseName}`);
    } finally {
      await admin.end();
    }
    const databaseUrl = `${postgres.serverUrl}/${databaseName}`;

    const environment: NodeJS.ProcessEnv = { ...process.env };
    for (const name of notForwarded) delete environment[name];
    Object.assign(environment, {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomKey(),
      TOTP_ENCRYPTION_KEY: randomKey(),
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    });
    for (const name of ["A", "B"] as const) {
      const dataDir = path.join(appDir, name);
      mkdirSync(dataDir);
      instances.push(new AppInstance(name, await freePort(), { ...environment, DATA_DIR: dataDir }));
    }
    // Both at once, as a deployment rolls out several instances over one new database.
    for (const instance of instances) instance.spawn();
    const deadline = Date.now() + serverStartTimeoutMs;
    await Promise.all(instances.map((instance) => instance.waitUntilHealthy(deadline)));

    const query: Query = async (sql, parameters) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, parameters as unknown[])).rows;
      } finally {
        await client.end();
      }
    };
    const openContexts = new Set<BrowserContext>();
    const [a, b] = instances.map((instance) => instance.asInstance()) as [Instance, Instance];
    const cluster: Cluster = {
      instances: [a, b],
      a,
      b,
      databaseUrl,
      query,
      stopDatabase: async () => postgres.stop(),
      startDatabase: async () => postgres.start(),
      isDatabaseRunning: () => postgres.isRunning(),
      newContext: async (browser, instance) => {
        const context = await browser.newContext({ baseURL: instance.baseURL, locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } });
        openContexts.add(context);
        context.once("close", () => openContexts.delete(context));
        return context;
      },
      closeContexts: async () => {
        await Promise.all([...openContexts].map((context) => context.close()));
      },
    };
    return { cluster, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

export const test = base.extend<{ closeClusterContexts: void }, { cluster: Cluster }>({
  cluster: [
    async ({}, provide) => {
      const { cluster, stop } = await startCluster();
      try {
        await provide(cluster);
      } finally {
        await stop();
      }
    },
    { scope: "worker", timeout: serverStartTimeoutMs + 120_000 },
  ],
  closeClusterContexts: [
    async ({ cluster }, provide) => {
      await provide();
      await cluster.closeContexts();
    },
    { auto: true },
  ],
  // `page` and `request` go to instance A unless a test opens a context on B.
  baseURL: async ({ cluster }, provide) => {
    await provide(cluster.a.baseURL);
  },
});

export { expect } from "@playwright/test";
