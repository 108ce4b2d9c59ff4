// The few SQL operations the migration runner needs, over the raw drivers rather than
// Prisma's adapters: pglite-prisma-adapter's executeScript does not await the script,
// so a failing migration would look applied.
import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  query<Row extends SqlRow>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script (a migration.sql). */
  execScript(script: string): Promise<void>;
}

/** One database session: session-level advisory locks stay with it. */
export interface MigrationSession extends SqlExecutor {
  /** Commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface MigrationDatabase {
  withSession<T>(work: (session: MigrationSession) => Promise<T>): Promise<T>;
}

export function pgliteMigrationDatabase(pglite: PGlite): MigrationDatabase {
  const executor = (target: Pick<PGlite, "query" | "exec">): SqlExecutor => ({
    query: async <Row extends SqlRow>(sql: string, params?: unknown[]) =>
      (await target.query<Row>(sql, params)).rows,
    execScript: async (script) => {
      await target.exec(script);
    },
  });
  // PGlite is a single session; its transaction() holds a mutex, so queries from the
  // Prisma adapter sharing the instance wait instead of landing inside the migration.
  const session: MigrationSession = {
    ...executor(pglite),
    transaction: (work) => pglite.transaction((tx) => work(executor(tx))),
  };
  return { withSession: (work) => work(session) };
}

export function pgPoolMigrationDatabase(pool: Pool): MigrationDatabase {
  const executor = (client: PoolClient): SqlExecutor => ({
    query: async <Row extends SqlRow>(sql: string, params?: unknown[]) =>
      (await client.query<Row>(sql, params)).rows,
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    execScript: async (script) => {
      await client.query(script);
    },
  });
  return {
    withSession: async (work) => {
      const client = await pool.connect();
      let failed = false;
      try {
        return await work({
          ...executor(client),
          transaction: async (transactionWork) => {
            await client.query("BEGIN");
            try {
              const result = await transactionWork(executor(client));
              await client.query("COMMIT");
              return result;
            } catch (error) {
              // A failed ROLLBACK (connection lost) must not hide the original error; the
              // connection is discarded below anyway.
              await client.query("ROLLBACK").catch(() => undefined);
              throw error;
            }
          },
        });
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // After a failure the connection is discarded rather than reused: the server then
        // drops whatever it still holds (an open transaction, the advisory lock).
        client.release(failed);
      }
    },
  };
}
