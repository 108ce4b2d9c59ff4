// The one database client. No Next.js imports: scripts and tests use it too.
// Embedded PGlite in ${DATA_DIR:-.data}/pglite by default, PostgreSQL when DATABASE_URL is set.
import { checkStoredEmails } from "./accounts/check-stored-emails";
import { type EmbeddedRole, openDatabase, resolveDatabaseConfig, type DatabaseHandle, type DatabaseKind } from "./db/connection";
import { applyPendingMigrations, readMigrationStatus } from "./db/migrate";
import { defaultMigrationsDir } from "./db/migrations-folder";
import type { PrismaClient } from "./generated/prisma/client";

export type { DatabaseKind };

interface ProcessDatabaseState {
  handle?: DatabaseHandle;
  role?: EmbeddedRole;
  ready?: Promise<void>;
}

// On globalThis so that Next.js hot reloads (which re-evaluate this module) reuse the
// open database: PGlite allows one opener per data directory.
const globalWithDatabase = globalThis as typeof globalThis & { __nidanDatabase?: ProcessDatabaseState };
const state: ProcessDatabaseState = (globalWithDatabase.__nidanDatabase ??= {});

function handle(): DatabaseHandle {
  state.handle ??= openDatabase(resolveDatabaseConfig(), state.role);
  return state.handle;
}

/**
 * Called by the app server before its first use of the database: it opens the embedded
 * database itself (waiting while a command holds it) and serves it to commands such as
 * `npm run user:create`, instead of borrowing it from another process (ADR 0012).
 */
export function serveEmbeddedDatabaseFromThisProcess(): void {
  state.role = "server";
}

/** Embedded only: "own" when this process opened the directory, "socket" when it goes through the app's. */
export function embeddedDatabaseVia(): Promise<"own" | "socket" | undefined> {
  return handle().embeddedVia();
}

/** The Prisma client, opened on first use: `db.user.findUnique(...)`. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = handle().prisma;
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export function databaseKind(): DatabaseKind {
  return resolveDatabaseConfig().kind;
}

/**
 * Applies pending migrations once per process; concurrent callers share the same run.
 * A failed run is forgotten so that the next call retries (e.g. database back up).
 */
export function ensureDatabaseReady(): Promise<void> {
  if (!state.ready) {
    const run = (async () => {
      await applyPendingMigrations({
        database: handle().migrationDatabase,
        migrationsDir: defaultMigrationsDir(),
        onApplied: (migrationName) => console.info(`[db] applied migration ${migrationName}`),
      });
      // Addresses stored before they were normalised (ADR 0011): a problem is reported, never a failed start.
      await checkStoredEmails({ prisma: handle().prisma }).catch((error: unknown) =>
        console.error(`[db] email check failed, will run again at the next start: ${errorMessage(error)}`),
      );
    })();
    state.ready = run;
    run.catch(() => {
      if (state.ready === run) state.ready = undefined;
    });
  }
  return state.ready;
}

/** Closes Prisma and the PGlite instance or pg pool; the next use of `db` reopens. */
export async function closeDb(): Promise<void> {
  const open = state.handle;
  state.handle = undefined;
  state.ready = undefined;
  await open?.close();
}

/** For GET /api/health: reachable, and every migration in the folder applied unchanged. */
export async function checkDatabaseHealth(): Promise<{ ok: boolean; migrationsCurrent: boolean }> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    console.error(`[db] health check: database unreachable: ${errorMessage(error)}`);
    return { ok: false, migrationsCurrent: false };
  }
  try {
    const status = await readMigrationStatus({
      database: handle().migrationDatabase,
      migrationsDir: defaultMigrationsDir(),
    });
    const migrationsCurrent = status.pending.length + status.edited.length + status.failed.length === 0;
    return { ok: true, migrationsCurrent };
  } catch (error) {
    console.error(`[db] health check: cannot read the migration history: ${errorMessage(error)}`);
    return { ok: true, migrationsCurrent: false };
  }
}

/** One line: Prisma's messages span several, with blank lines. */
function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
}
