import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test as base } from "@playwright/test";
import pg from "pg";
import type { TestUser } from "../../support/flows";
import { freePort } from "../../support/free-port";
import { spawnNextStart, waitUntilAnswering } from "../../support/next-start";

/**
 * The admin suite's own server, one per Playwright worker, with an admin in it.
 *
 * There is no page that makes the first admin: it comes from `npm run user:create -- --admin`
 * (scripts/user-create.ts). That script must run before the server opens the database (the
 * embedded PGlite admits one process), so the shared e2e server cannot be used; nor should
 * it be, since these tests change the organisation-wide two-factor policy. So each worker
 * makes a fresh database (a DATA_DIR, or with DATABASE_URL a new database on that server),
 * runs the script there, then starts `next start` on a free port and points `baseURL` at it.
 * Mail is not configured, so the server logs each notification it would send: `serverLog()`.
 */
export type AdminServer = { baseURL: string; admin: TestUser; serverLog(): string };

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tsxBin = path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
const startTimeoutMs = 120_000;

/** A database of its own: a new PostgreSQL database beside DATABASE_URL's, or none (PGlite in DATA_DIR). */
async function createDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `nidan_admin_e2e_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function serverEnvironment(options: { dataDir: string; databaseUrl: string | undefined }): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: options.dataDir,
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  for (const name of ["PORT", "SMTP_URL", "DATABASE_URL"]) delete environment[name];
  if (options.databaseUrl) environment.DATABASE_URL = options.databaseUrl;
  return environment;
}

export const test = base.extend<object, { adminServer: AdminServer }>({
  adminServer: [
    // The second argument is Playwright's `use`, renamed: React's hook lint rules claim that name.
    async ({}, provide) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "nidan-admin-e2e-"));
      const database = await createDatabase();
      const environment = serverEnvironment({ dataDir, databaseUrl: database.url });
      const admin: TestUser = { email: `admin-${randomUUID()}@example.test`, password: `pw-${randomUUID()}` };
      await promisify(execFile)(process.execPath, [tsxBin, "scripts/user-create.ts", "--email", admin.email, "--password", admin.password, "--admin"], {
        cwd: repoRoot,
        env: environment,
      });
      const port = await freePort();
      const baseURL = `http://127.0.0.1:${port}`;
      const server = spawnNextStart({ port, env: environment });
      try {
        await waitUntilAnswering(server, { url: `${baseURL}/login`, deadline: Date.now() + startTimeoutMs });
        await provide({ baseURL, admin, serverLog: () => server.log() });
      } finally {
        await server.stop();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ adminServer }, provide) => {
    await provide(adminServer.baseURL);
  },
});

export { expect } from "@playwright/test";
