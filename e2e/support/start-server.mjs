// Starts the production build for the e2e run on a fresh data directory, and copies its
// output into DATA_DIR/server.log so tests can check that no secret was ever logged.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const dataDir = process.env.DATA_DIR;
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const log = createWriteStream(path.join(dataDir, "server.log"));
const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", process.env.PORT], { env: process.env });
for (const stream of [server.stdout, server.stderr]) {
  stream.on("data", (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
