import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test as base } from "@playwright/test";
import type { TestUser } from "../../support/flows";
import { freePort } from "../../support/free-port";
import { createOwnDatabase } from "../../support/own-database";
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
      const database = await createOwnDatabase("nidan_admin_e2e");
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
