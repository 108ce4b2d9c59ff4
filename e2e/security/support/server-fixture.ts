import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base } from "@playwright/test";
import { randomClientAddress } from "./accounts";
import { type Mailbox, type ReceivedMail, startMailbox } from "./mailbox";
import { freePort } from "../../support/free-port";
import { createOwnDatabase } from "../../support/own-database";
import { connectToAppDatabase } from "../../support/app-database";
import { type NextStartProcess, spawnNextStart, waitUntilAnswering } from "../../support/next-start";

/**
 * The attack suite's own server, one per Playwright worker.
 *
 * The shared e2e server (playwright.config.ts `webServer`) cannot be used: these cases need
 * settings it does not have — SMTP_URL pointing at an SMTP receiver the test reads,
 * TRUSTED_PROXY_HEADER=x-forwarded-for or none at all (the `trustedProxyHeader` option),
 * a log of its own to scan for secrets, and a database the test may inspect. So each worker
 * starts an SMTP receiver (smtp-server, in memory) and `next start` on free loopback ports,
 * with a fresh DATA_DIR, and overrides `baseURL` so that page.goto("/login") goes there.
 *
 * Reading the database: the embedded PGlite database admits one process, the server; a second
 * opener would corrupt it. The server serves it on a unix socket to one client at a time
 * (ADR 0012), and `withDatabase` connects there while the server runs, as the CLI does — so the
 * server keeps its memory (rate budgets, the hash queue's estimate) across a look into its
 * database, as a real one would. With DATABASE_URL set (the PostgreSQL run of `npm test`) each
 * worker's server gets a new database on that PostgreSQL server — never a shared one, whose
 * outbox the other worker's server would deliver to its own SMTP receiver — and `withDatabase`
 * simply connects to it beside the server.
 */

export type Query = <Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

/**
 * Which configuration the suite attacks: the newcomer's default (no TRUSTED_PROXY_HEADER, so
 * the server knows no client address) or behind a proxy that names the client in
 * X-Forwarded-For. playwright.config.ts runs every spec of e2e/security in both.
 */
export type SecurityOptions = {
  trustedProxyHeader: string | null;
  /** More variables for this worker's server (a spec's `test.use` gives its tests a server of their own). */
  serverEnvironment: Record<string, string>;
};

export type SecurityServer = {
  baseURL: string;
  /** The header the server trusts for the client address, or null (the default start). */
  trustedProxyHeader: string | null;
  dataDir: string;
  /** Every mail the app sent to the SMTP receiver so far (all tests of this worker). */
  smtpMessages: ReceivedMail[];
  /** Everything the server printed to stdout and stderr since it first started. */
  serverLog(): string;
  /** The key that signs the pending-login cookie: AUTH_SECRET, or the one generated into DATA_DIR. */
  authSecret(): string;
  /** Runs read queries against the app's database (see above for how, safely). */
  withDatabase<T>(inspect: (query: Query) => Promise<T>): Promise<T>;
};

const startTimeoutMs = 120_000;

class AppServer {
  private server: NextStartProcess | undefined;
  private log = "";

  constructor(
    private readonly options: {
      port: number;
      dataDir: string;
      databaseUrl: string | undefined;
      smtpPort: number;
      trustedProxyHeader: string | null;
      serverEnvironment: Record<string, string>;
    },
  ) {}

  get baseURL() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get logPath() {
    return path.join(this.options.dataDir, "server.log");
  }

  /** Everything the server printed since it started. */
  serverLog() {
    return this.log;
  }

  private environment(): NodeJS.ProcessEnv {
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: this.options.dataDir,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      SMTP_URL: `smtp://127.0.0.1:${this.options.smtpPort}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    };
    // The shared server's variables must not leak into this one.
    delete environment.PORT;
    delete environment.TRUSTED_PROXY_HEADER;
    delete environment.DATABASE_URL;
    if (this.options.databaseUrl) environment.DATABASE_URL = this.options.databaseUrl;
    if (this.options.trustedProxyHeader) environment.TRUSTED_PROXY_HEADER = this.options.trustedProxyHeader;
    return { ...environment, ...this.options.serverEnvironment };
  }

  async start() {
    this.server = spawnNextStart({
      port: this.options.port,
      env: this.environment(),
      onOutput: (text) => {
        this.log += text;
        appendFileSync(this.logPath, text);
      },
    });
    await waitUntilAnswering(this.server, { url: `${this.baseURL}/login`, headers: { "accept-language": "en" }, deadline: Date.now() + startTimeoutMs });
  }

  async stop() {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }
}

export const test = base.extend<object, SecurityOptions & { securityServer: SecurityServer }>({
  trustedProxyHeader: [null, { option: true, scope: "worker" }],
  serverEnvironment: [{}, { option: true, scope: "worker" }],
  securityServer: [
    // The second argument is Playwright's `use`, named otherwise so that React's hook lint leaves it alone.
    async ({ trustedProxyHeader, serverEnvironment }, provide) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "nidan-security-"));
      writeFileSync(path.join(dataDir, "server.log"), "");
      const mailbox: Mailbox = await startMailbox();
      const database = await createOwnDatabase("nidan_security_e2e");
      const server = new AppServer({ port: await freePort(), dataDir, databaseUrl: database.url, smtpPort: mailbox.port, trustedProxyHeader, serverEnvironment });
      try {
        await server.start();
        await provide({
          baseURL: server.baseURL,
          trustedProxyHeader,
          dataDir,
          smtpMessages: mailbox.messages,
          serverLog: () => server.serverLog(),
          authSecret: () =>
            process.env.AUTH_SECRET ?? (JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { authSecret: string }).authSecret,
          withDatabase: async (inspect) => {
            // Beside the running server, as the CLI connects (ADR 0012).
            const client = await connectToAppDatabase({ dataDir, databaseUrl: database.url });
            try {
              return await inspect((async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows) as Query);
            } finally {
              await client.end();
            }
          },
        });
      } finally {
        await server.stop();
        await mailbox.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ securityServer }, provide) => {
    await provide(securityServer.baseURL);
  },
  // Behind the proxy every test's browser is a client of its own, as on the internet: without
  // an address, Next.js names the socket's peer (127.0.0.1) and one worker's dozens of sign-ups
  // would share one client's budget (10 an hour). Ignored by the server in the default start.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ "x-forwarded-for": randomClientAddress(), ...extraHTTPHeaders });
  },
});

export { expect } from "@playwright/test";
