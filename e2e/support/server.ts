import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

/**
 * One server per test run, on a free loopback port and a fresh embedded database.
 * Playwright evaluates this file in the runner and in every worker: the first evaluation
 * picks the port and data directory and passes them on through the environment.
 */
function pickFreePort(): string {
  return execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}

process.env.E2E_PORT ??= pickFreePort();
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `nidan-e2e-${process.env.E2E_PORT}`);

export const e2ePort = process.env.E2E_PORT;
export const e2eDataDir = process.env.E2E_DATA_DIR;
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;
export const e2eServerLogPath = path.join(e2eDataDir, "server.log");

function forwarded(names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}

export const e2eServerEnvironment: Record<string, string> = {
  PORT: e2ePort,
  DATA_DIR: e2eDataDir,
  NEXT_TELEMETRY_DISABLED: "1",
  ...forwarded(["DATABASE_URL", "AUTH_SECRET", "TOTP_ENCRYPTION_KEY", "NEXT_DIST_DIR"]),
};
