// Fresh, real databases for tests (no mocks): PGlite in a temp dir always, plus a new
// database inside TEST_DATABASE_URL's PostgreSQL server when that variable is set.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteMigrationDatabase, pgPoolMigrationDatabase, type MigrationDatabase, type SqlRow } from "../lib/db/migration-database";

export interface TestDatabase {
  /** PostgreSQL only: the fresh database's URL. */
  connectionString?: string;
  /** Opens a further, independent connection (pool) to the same database; PGlite allows one. */
  connect(): MigrationDatabase;
  query<Row extends SqlRow>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** For Prisma's WASM schema engine; `close` ends the connections it used. */
  prismaAdapter(): { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };
  /** Closes every connection and deletes the database. */
  destroy(): Promise<void>;
}

export interface TestEngine {
  name: "embedded" | "postgresql";
  create(): Promise<TestDatabase>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

let pristineDataDir: Promise<Blob> | undefined;

/** Initialising a PGlite data dir takes seconds; a copy of a pristine one, a fraction. */
function pristinePgliteDataDir(): Promise<Blob> {
  pristineDataDir ??= (async () => {
    const pglite = new PGlite();
    // dumpDataDir before the instance is ready never settles.
    await pglite.waitReady;
    const dump = await pglite.dumpDataDir("none");
    await pglite.close();
    return dump;
  })();
  return pristineDataDir;
}

const embedded: TestEngine = {
  name: "embedded",
  create: async () => {
    const dir = tempDir("nidan-pglite-");
    const pglite = new PGlite(path.join(dir, "pglite"), { loadDataDir: await pristinePgliteDataDir() });
    return {
      connect: () => pgliteMigrationDatabase(pglite),
      prismaAdapter: () => ({ factory: new PrismaPGlite(pglite), close: async () => {} }),
      query: async <Row extends SqlRow>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
      destroy: async () => {
        await pglite.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresql(serverUrl: string): TestEngine {
  return {
    name: "postgresql",
    create: async () => {
      const databaseName = `nidan_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${databaseName}"`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${databaseName}`;
      const connectionString = url.toString();
      const pools: pg.Pool[] = [];
      const newPool = () => {
        const pool = new pg.Pool({ connectionString });
        // DROP DATABASE … WITH (FORCE) below ends any connection a test left open; the idle
        // client's "terminating connection" must not become an uncaught exception of the run.
        pool.on("error", () => {});
        pools.push(pool);
        return pool;
      };
      const queryPool = newPool();
      return {
        connectionString,
        connect: () => pgPoolMigrationDatabase(newPool()),
        query: async <Row extends SqlRow>(sql: string, params?: unknown[]) => (await queryPool.query<Row>(sql, params)).rows,
        prismaAdapter: () => {
          // The engine leaves its advisory lock to be released by closing its connection.
          const pool = newPool();
          return { factory: new PrismaPg(pool), close: () => (pool.ended ? Promise.resolve() : pool.end()) };
        },
        destroy: async () => {
          await Promise.all(pools.filter((pool) => !pool.ended).map((pool) => pool.end()));
          const cleaner = new pg.Client({ connectionString: serverUrl });
          await cleaner.connect();
          await cleaner.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
          await cleaner.end();
        },
      };
    },
  };
}

export function testEngines(): TestEngine[] {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? [embedded, postgresql(serverUrl)] : [embedded];
}
