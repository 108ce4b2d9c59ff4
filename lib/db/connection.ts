// Which database this process uses, and opening it: embedded PGlite by default,
// PostgreSQL when DATABASE_URL says so. No Next.js imports: scripts use this too.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { yieldingPGlite } from "./pglite-yielding";
import { pgliteMigrationDatabase, pgPoolMigrationDatabase, type MigrationDatabase } from "./migration-database";

export type DatabaseKind = "embedded" | "postgresql";

export type DatabaseConfig =
  | { kind: "embedded"; pgliteDataDir: string }
  | { kind: "postgresql"; connectionString: string };

export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

/** A blackholed host would otherwise make `pool.connect()` wait forever. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Blank variables (an empty line in .env) count as unset, as in lib/env.ts. */
export function resolveDatabaseConfig(): DatabaseConfig {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    // turbopackIgnore: a path built from cwd otherwise makes Next trace the whole project.
    const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DATA_DIR?.trim() || ".data");
    return { kind: "embedded", pgliteDataDir: path.join(dataDir, "pglite") };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { kind: "postgresql", connectionString: url };
  }
  throw new DatabaseConfigError("DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the embedded database)");
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  prisma: PrismaClient;
  migrationDatabase: MigrationDatabase;
  /** Prisma's $disconnect does not close PGlite nor an external pg pool: this closes all. */
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === "embedded") {
    // PGlite creates its own directory but not the parents.
    mkdirSync(path.dirname(config.pgliteDataDir), { recursive: true });
    const pglite = new PGlite(config.pgliteDataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(yieldingPGlite(pglite)) });
    return {
      kind: "embedded",
      prisma,
      migrationDatabase: pgliteMigrationDatabase(pglite),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection dropped by the server emits "error" on the pool; unhandled, it kills the process.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection error: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgresql",
    prisma,
    migrationDatabase: pgPoolMigrationDatabase(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
