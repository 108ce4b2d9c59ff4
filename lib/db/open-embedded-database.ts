// The embedded database has one owner at a time (ADR 0012): the process that opens its
// directory serves it on a unix socket; any other process goes through that socket, never
// through the directory (PGlite has no lock: a second opener sees other data and may corrupt).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { embeddedSocketPath, embeddedSocketPort, prepareTemporarySocketDirectory } from "./embedded-socket-path";
import { busySqlState, type EmbeddedSocketServer, serveEmbeddedDatabase } from "./embedded-socket-server";
import { pgliteMigrationDatabase, pgPoolMigrationDatabase, type MigrationDatabase } from "./migration-database";
import { yieldingPGlite } from "./pglite-yielding";

/**
 * "server": the app, which must own the database; while another process does, it waits for it.
 * "script": a command, which goes through the owner when there is one, else owns it while it runs.
 */
export type EmbeddedRole = "server" | "script";

export type EmbeddedDatabase = {
  via: "own" | "socket";
  adapterFactory: SqlDriverAdapterFactory;
  migrationDatabase: MigrationDatabase;
  close(): Promise<void>;
};

export class EmbeddedDatabaseBusyError extends Error {
  override name = "EmbeddedDatabaseBusyError";
}

/** How long the app waits at start for a command that holds the database (ADR 0012). */
const serverWaitForOwnerMs = 120_000;
const ownerPollMs = 250;

type Probe = { answer: "socket"; pool: pg.Pool } | { answer: "none" | "stale" | "busy" };

/** Connects to the owner's socket: "none" when there is no socket file, "stale" when nobody answers on it. */
async function probeOwner(socketPath: string): Promise<Probe> {
  const pool = new pg.Pool({
    host: path.dirname(socketPath),
    port: embeddedSocketPort,
    user: "postgres",
    database: "postgres",
    // One connection, kept for the whole command: the owner serves one client at a time.
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 10_000,
  });
  pool.on("error", (error) => console.error(`[db] embedded database socket: ${error.message}`));
  try {
    (await pool.connect()).release();
    return { answer: "socket", pool };
  } catch (error) {
    await pool.end().catch(() => undefined);
    const code = (error as { code?: string }).code;
    if (code === busySqlState) return { answer: "busy" };
    if (code === "ENOENT") return { answer: "none" };
    // A socket file nobody listens on: its owner crashed.
    if (code === "ECONNREFUSED") return { answer: "stale" };
    throw error;
  }
}

/** Claims the socket, then opens the directory; undefined when another process claimed it first. */
async function own(options: { pgliteDataDir: string; socketPath: string; stale: boolean; inTemporaryDirectory: boolean }): Promise<EmbeddedDatabase | undefined> {
  const { pgliteDataDir, socketPath } = options;
  // Only a file nobody answered on: listen() on a path that exists fails, which is the claim.
  if (options.stale) rmSync(socketPath, { force: true });
  if (options.inTemporaryDirectory) prepareTemporarySocketDirectory(socketPath);
  // PGlite creates its own directory but not the parents; the socket lives in DATA_DIR.
  mkdirSync(path.dirname(pgliteDataDir), { recursive: true });
  let opened: (pglite: PGlite) => void = () => undefined;
  const opening = new Promise<PGlite>((resolve) => (opened = resolve));
  let server: EmbeddedSocketServer;
  try {
    server = await serveEmbeddedDatabase({ opening, socketPath });
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") return undefined;
    throw error;
  }
  try {
    const pglite = new PGlite(pgliteDataDir);
    await pglite.waitReady;
    opened(pglite);
    return {
      via: "own",
      adapterFactory: new PrismaPGlite(yieldingPGlite(pglite)),
      migrationDatabase: pgliteMigrationDatabase(pglite),
      close: async () => {
        await server.close();
        await pglite.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

function throughSocket(pool: pg.Pool): EmbeddedDatabase {
  return {
    via: "socket",
    adapterFactory: new PrismaPg(pool),
    migrationDatabase: pgPoolMigrationDatabase(pool),
    close: () => pool.end(),
  };
}

export async function openEmbeddedDatabase(options: { pgliteDataDir: string; role: EmbeddedRole }): Promise<EmbeddedDatabase> {
  const { socketPath, inTemporaryDirectory } = embeddedSocketPath(path.dirname(options.pgliteDataDir));
  const waitUntil = Date.now() + serverWaitForOwnerMs;
  for (;;) {
    const probe = await probeOwner(socketPath);
    const free = probe.answer === "none" || probe.answer === "stale";
    const owned = free ? await own({ pgliteDataDir: options.pgliteDataDir, socketPath, stale: probe.answer === "stale", inTemporaryDirectory }) : undefined;
    if (owned) return owned;
    if (options.role === "script" && !free) {
      if (probe.answer === "socket") return throughSocket(probe.pool);
      throw new EmbeddedDatabaseBusyError(
        "The embedded database is busy with another command right now: run this one again when it has finished.",
      );
    }
    if (probe.answer === "socket") await probe.pool.end();
    if (Date.now() > waitUntil) {
      throw new EmbeddedDatabaseBusyError(
        `Another process holds the embedded database (socket ${socketPath}): stop it, or give this server another DATA_DIR.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, ownerPollMs));
  }
}
