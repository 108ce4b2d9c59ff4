// Applies pending migrations to DATABASE_URL, or to the embedded database when it is unset.
// Usage: npm run db:deploy
import { DatabaseConfigError, openDatabase, resolveDatabaseConfig, type DatabaseHandle } from "../lib/db/connection";
import { EmbeddedDatabaseBusyError } from "../lib/db/open-embedded-database";
import { applyPendingMigrations, MigrationError, readMigrationStatus } from "../lib/db/migrate";
import { defaultMigrationsDir } from "../lib/db/migrations-folder";

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"]);

/**
 * One line for the failures an operator can fix: bad configuration, server unreachable,
 * errors PostgreSQL reports (they carry a SQLSTATE code), broken migrations. Anything
 * else is a bug and keeps its stack.
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // pg reports a refused connection as an AggregateError (one per address tried) with an empty message.
  const cause = error instanceof AggregateError && error.errors[0] instanceof Error ? error.errors[0] : error;
  const code = (cause as NodeJS.ErrnoException).code;
  const message = (cause.message || error.message).replace(/\s+/g, " ").trim();
  if ((code && UNREACHABLE_CODES.has(code)) || message.includes("timeout exceeded when trying to connect")) {
    return `database unreachable: ${message}`;
  }
  const expected = error instanceof MigrationError || error instanceof DatabaseConfigError || error instanceof EmbeddedDatabaseBusyError || code !== undefined;
  return expected ? message : (error.stack ?? message);
}

let database: DatabaseHandle | undefined;
try {
  const config = resolveDatabaseConfig();
  database = openDatabase(config);
  const target = config.kind === "embedded" ? `embedded database (${config.pgliteDataDir})` : "PostgreSQL (DATABASE_URL)";
  console.log(`Applying migrations to ${target}`);
  const { appliedMigrationNames } = await applyPendingMigrations({
    database: database.migrationDatabase,
    migrationsDir: defaultMigrationsDir(),
    onApplied: (migrationName) => console.log(`  applied ${migrationName}`),
  });
  // Read back: a migration reported applied is one the database itself lists.
  const status = await readMigrationStatus({ database: database.migrationDatabase, migrationsDir: defaultMigrationsDir() });
  if (status.pending.length + status.failed.length > 0) throw new MigrationError(`after deploying, still pending or failed: ${[...status.pending, ...status.failed].join(", ")}`);
  console.log(
    appliedMigrationNames.length === 0 ? "No pending migrations." : `Applied ${appliedMigrationNames.length} migration(s).`,
  );
  await database.close();
} catch (error) {
  console.error(`db:deploy failed: ${describeFailure(error)}`);
  await database?.close().catch(() => undefined);
  process.exit(1);
}
