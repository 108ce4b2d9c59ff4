// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so that the real Prisma CLI
// (on a machine that can download its engine) sees the same history and has nothing to do.
import { randomUUID } from "node:crypto";
import type { MigrationDatabase, MigrationSession, SqlExecutor } from "./migration-database";
import { checksumMatches, MigrationError, readMigrationsFolder, type MigrationFile } from "./migrations-folder";

export { MigrationError };

/** The advisory lock key Prisma's schema engine takes, so our runner and Prisma's exclude each other. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** The table as Prisma's schema engine creates it on PostgreSQL (checked column by column). */
const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationStatus {
  /** In the folder, not applied yet. */
  pending: string[];
  /** Applied, but migration.sql has changed since. */
  edited: string[];
  /** Recorded as started and never finished (by Prisma's own runner; ours rolls back). */
  failed: string[];
}

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Prisma's rules: rolled-back rows do not count; unfinished rows are failed migrations. */
function classify(options: { folder: MigrationFile[]; rows: MigrationRow[] }): MigrationStatus {
  const live = options.rows.filter((row) => row.rolled_back_at === null);
  const finished = live.filter((row) => row.finished_at !== null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  const pending: string[] = [];
  const edited: string[] = [];
  for (const migration of options.folder) {
    const rows = finished.filter((row) => row.migration_name === migration.name);
    if (rows.length === 0) pending.push(migration.name);
    else if (!rows.some((row) => checksumMatches({ sql: migration.sql, storedChecksum: row.checksum }))) {
      edited.push(migration.name);
    }
  }
  return { pending, edited, failed };
}

async function readRows(executor: SqlExecutor): Promise<MigrationRow[]> {
  const [{ present }] = await executor.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!present) return [];
  return executor.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
}

/** Compares the database's history with the folder, without changing anything. */
export async function readMigrationStatus(options: {
  database: MigrationDatabase;
  migrationsDir: string;
}): Promise<MigrationStatus> {
  const folder = readMigrationsFolder({ migrationsDir: options.migrationsDir });
  const rows = await options.database.withSession(readRows);
  return classify({ folder, rows });
}

function refuseBrokenHistory(status: MigrationStatus): void {
  if (status.failed.length > 0) {
    throw new MigrationError(
      `Migration ${status.failed.join(", ")} is recorded as failed in _prisma_migrations: ` +
        `repair the database, then mark it rolled back (prisma migrate resolve --rolled-back <name>).`,
    );
  }
  if (status.edited.length > 0) {
    throw new MigrationError(
      `Migration ${status.edited.join(", ")} changed after it was applied (checksum differs from ` +
        `_prisma_migrations): restore the original migration.sql and put changes in a new migration.`,
    );
  }
}

/** One migration, its SQL and its history row in one transaction: a failure leaves no trace. */
async function applyOne(options: { session: MigrationSession; migration: MigrationFile }): Promise<void> {
  const { session, migration } = options;
  try {
    await session.transaction(async (tx) => {
      const id = randomUUID();
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, clock_timestamp(), 0)`,
        [id, migration.checksumSha256Hex, migration.name],
      );
      await tx.execScript(migration.sql);
      await tx.query(
        `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

async function applyLocked(options: {
  session: MigrationSession;
  folder: MigrationFile[];
  onApplied?: (migrationName: string) => void;
}): Promise<string[]> {
  const { session, folder } = options;
  await session.execScript(CREATE_MIGRATIONS_TABLE_SQL);
  // Read under the lock: another instance may just have applied what looked pending.
  const status = classify({ folder, rows: await readRows(session) });
  refuseBrokenHistory(status);
  const appliedMigrationNames: string[] = [];
  for (const migration of folder.filter((candidate) => status.pending.includes(candidate.name))) {
    await applyOne({ session, migration });
    appliedMigrationNames.push(migration.name);
    options.onApplied?.(migration.name);
  }
  return appliedMigrationNames;
}

/**
 * Applies the pending migrations under Prisma's advisory lock (several instances starting
 * at once apply each migration once). Returns the names applied, in order.
 */
export async function applyPendingMigrations(options: {
  database: MigrationDatabase;
  migrationsDir: string;
  onApplied?: (migrationName: string) => void;
}): Promise<{ appliedMigrationNames: string[] }> {
  const folder = readMigrationsFolder({ migrationsDir: options.migrationsDir });
  return options.database.withSession(async (session) => {
    const unlock = () => session.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await session.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    let appliedMigrationNames: string[];
    try {
      appliedMigrationNames = await applyLocked({ session, folder, onApplied: options.onApplied });
    } catch (error) {
      // An unlock failure here would hide the real error; a broken session is discarded,
      // which releases the lock anyway.
      await unlock().catch(() => undefined);
      throw error;
    }
    await unlock();
    return { appliedMigrationNames };
  });
}
