import path from "node:path";
import pg from "pg";
import { busySqlState } from "../../lib/db/embedded-socket-server";
import { embeddedSocketPath, embeddedSocketPort } from "../../lib/db/embedded-socket-path";
import { e2eDataDir } from "./server";

/**
 * A connection to a running app's database: PostgreSQL's `databaseUrl`, or the embedded
 * database's socket in `dataDir`, which its owner serves to one client at a time (ADR 0012) —
 * a client already there is waited for. The caller ends the client.
 */
export async function connectToAppDatabase(options: { dataDir: string; databaseUrl: string | undefined }): Promise<pg.Client> {
  const config = options.databaseUrl
    ? { connectionString: options.databaseUrl }
    : { host: path.dirname(embeddedSocketPath(options.dataDir).socketPath), port: embeddedSocketPort, user: "postgres", database: "postgres" };
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code !== busySqlState || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A query on the shared e2e server's database while it runs. For setting a state no page can
 * make in a test's time, such as a sign-in older than the re-authentication window.
 */
export async function queryAppDatabase(sql: string, parameters: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = await connectToAppDatabase({ dataDir: e2eDataDir, databaseUrl: process.env.DATABASE_URL });
  try {
    return (await client.query(sql, parameters)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Moves every session of `email` 11 minutes into the past: one minute beyond the re-authentication window. */
export function ageSessionsOf(email: string) {
  return queryAppDatabase(`UPDATE "Session" SET "authenticatedAt" = "authenticatedAt" - interval '11 minutes' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [
    email,
  ]);
}
