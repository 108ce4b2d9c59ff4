import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** An expected failure (bad folder, edited or failed migration, bad SQL): scripts print its message only. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

/** One `prisma/migrations/<timestamp>_<name>/migration.sql`, as Prisma reads it. */
export interface MigrationFile {
  /** The folder name, e.g. `20261125040000_init`; Prisma stores it as `migration_name`. */
  name: string;
  sql: string;
  /** What Prisma stores in `_prisma_migrations.checksum`: sha256 of migration.sql, hex. */
  checksumSha256Hex: string;
}

/** The Next.js server and the npm scripts run with cwd = project root. */
export function defaultMigrationsDir(): string {
  // turbopackIgnore: a path built from cwd otherwise makes Next trace the whole project.
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Prisma accepts a stored checksum computed with either line ending, so that a
 * checkout with CRLF (git autocrlf on Windows) does not look like an edited migration.
 */
export function checksumMatches(options: { sql: string; storedChecksum: string }): boolean {
  const { sql, storedChecksum } = options;
  const lf = sql.replaceAll("\r\n", "\n");
  const crlf = lf.replaceAll("\n", "\r\n");
  return [sql, lf, crlf].some((variant) => sha256Hex(variant) === storedChecksum);
}

/** Migration folders sorted by name (their timestamp prefix), like Prisma lists them. */
export function readMigrationsFolder(options: { migrationsDir: string }): MigrationFile[] {
  const { migrationsDir } = options;
  if (!existsSync(migrationsDir)) {
    throw new MigrationError(`Migrations folder not found: ${migrationsDir}`);
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sqlPath = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(sqlPath)) {
        throw new MigrationError(`Migration ${name} has no migration.sql (${sqlPath})`);
      }
      const sql = readFileSync(sqlPath, "utf8");
      return { name, sql, checksumSha256Hex: sha256Hex(sql) };
    });
}
