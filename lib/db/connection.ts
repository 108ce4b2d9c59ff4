// Which database this process uses, and opening it: embedded PGlite by default,
// PostgreSQL when DATABASE_URL says so. No Next.js imports: scripts use this too.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { pgPoolMigrationDatabase, type MigrationDatabase } from "./migration-database";
import { type EmbeddedDatabase, type EmbeddedRole, openEmbeddedDatabase } from "./open-embedded-database";

export type { EmbeddedRole };

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
  /** Embedded only: whether this process opened the directory or goes through its owner's socket. */
  embeddedVia(): Promise<EmbeddedDatabase["via"] | undefined>;
  prisma: PrismaClient;
  migrationDatabase: MigrationDatabase;
  /** Prisma's $disconnect does not close PGlite nor an external pg pool: this closes all. */
  close(): Promise<void>;
}

/**
 * The embedded database is opened on first use, not here: whether this process owns it or
 * goes through the owner's socket is only known after trying the socket (ADR 0012).
 * A failed opening is forgotten, so that the next use tries again.
 */
function openEmbedded(pgliteDataDir: string, role: EmbeddedRole): DatabaseHandle {
  let opening: Promise<EmbeddedDatabase> | undefined;
  const embedded = () => {
    if (!opening) {
      const attempt = openEmbeddedDatabase({ pgliteDataDir, role });
      opening = attempt;
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
    }
    return opening;
  };
  const adapter: SqlDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "nidan-embedded",
    connect: async () => (await embedded()).adapterFactory.connect(),
  };
  const prisma = new PrismaClient({ adapter });
  return {
    kind: "embedded",
    embeddedVia: async () => (await embedded()).via,
    prisma,
    migrationDatabase: { withSession: async (work) => (await embedded()).migrationDatabase.withSession(work) },
    close: async () => {
      await prisma.$disconnect();
      const open = opening;
      opening = undefined;
      await (await open?.catch(() => undefined))?.close();
    },
  };
}

/** `role` matters for the embedded database only: the app ("server") must own it, a command ("script") may borrow it. */
export function openDatabase(config: DatabaseConfig, role: EmbeddedRole = "script"): DatabaseHandle {
  if (config.kind === "embedded") return openEmbedded(config.pgliteDataDir, role);
  const pool = new pg.Pool({ connectionString: config.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection dropped by the server emits "error" on the pool; unhandled, it kills the process.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection error: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgresql",
    embeddedVia: async () => undefined,
    prisma,
    migrationDatabase: pgPoolMigrationDatabase(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
