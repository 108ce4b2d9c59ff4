import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import { spawnNextStart, waitUntilAnswering } from "./next-start";

/**
 * A production server of this build with settings of its own (ALLOW_SIGNUP=false,
 * DEFAULT_LOCALE=en …), on a free loopback port and a fresh embedded database, for the
 * specs whose configuration differs from the shared e2e server's.
 */
export type OwnServer = { baseURL: string; log(): string; stop(): Promise<void> };

const startTimeoutMs = 120_000;

export async function startOwnServer(environment: Record<string, string>): Promise<OwnServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "nidan-own-server-"));
  const server = spawnNextStart({
    port,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", ...environment },
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(server, { url: `${baseURL}/api/health`, deadline: Date.now() + startTimeoutMs });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, log: () => server.log(), stop };
}
