// Where the process that holds the embedded database listens for the others (ADR 0012).
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The file name PostgreSQL clients look for in the directory given as `host`, for port 5432. */
export const embeddedSocketPort = 5432;
const socketFileName = `.s.PGSQL.${embeddedSocketPort}`;

/** sockaddr_un holds 108 bytes on Linux and 104 on macOS, with the terminating NUL. */
const socketPathMaxBytes = 100;

export class EmbeddedSocketPathError extends Error {
  override name = "EmbeddedSocketPathError";
}

/**
 * `<DATA_DIR>/.s.PGSQL.5432`, or, when that path is too long for a unix socket, the same file
 * in a directory of our own under the system's temporary directory, named by a hash of DATA_DIR.
 */
export function embeddedSocketPath(dataDir: string): { socketPath: string; inTemporaryDirectory: boolean } {
  const inDataDir = path.join(dataDir, socketFileName);
  if (Buffer.byteLength(inDataDir) <= socketPathMaxBytes) return { socketPath: inDataDir, inTemporaryDirectory: false };
  const digest = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return { socketPath: path.join(os.tmpdir(), `nidan-${digest}`, socketFileName), inTemporaryDirectory: true };
}

/**
 * Creates the short directory under the temporary directory: readable by this user only, and
 * refused when someone else made it first (they could otherwise stand in for the database).
 */
export function prepareTemporarySocketDirectory(socketPath: string): void {
  const directory = path.dirname(socketPath);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stats = lstatSync(directory);
  const ownedByUs = typeof process.getuid !== "function" || stats.uid === process.getuid();
  if (!stats.isDirectory() || !ownedByUs || (stats.mode & 0o077) !== 0) {
    throw new EmbeddedSocketPathError(`${directory} belongs to another user or is open to others: remove it, or use a shorter DATA_DIR`);
  }
}
