import path from "node:path";
import pg from "pg";
import { busySqlState } from "../../lib/db/embedded-socket-server";
import { embeddedSocketPath, embeddedSocketPort } from "../../lib/db/embedded-socket-path";
import { e2eDataDir } from "./server";

/**
 * A query on the shared e2e server's database while it runs: PostgreSQL's DATABASE_URL, or the
 * embedded database's socket, which its owner serves to one client at a time (ADR 0012): a
 * query another worker is making meanwhile is waited for. For setting a state no page can
 * make in a test's time, such as a sign-in older than the re-authentication window.
 */
export async function queryAppDatabase(sql: string, parameters: unknown[] = []): Promise<Record<string, unknown>[]> {
  const config = process.env.DATABASE_URL
    ? { connectionString: process.env.DATABASE_URL }
    : { host: path.dirname(embeddedSocketPath(e2eDataDir).socketPath), port: embeddedSocketPort, user: "postgres", database: "postgres" };
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      return (await client.query(sql, parameters)).rows;
    } catch (error) {
      if ((error as { code?: string }).code !== busySqlState || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Moves every session of `email` 11 minutes into the past: one minute beyond the re-authentication window. */
export function ageSessionsOf(email: string) {
  return queryAppDatabase(`UPDATE "Session" SET "authenticatedAt" = "authenticatedAt" - interval '11 minutes' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [
    email,
  ]);
}
