import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A database of its own for one test server: a new PostgreSQL database beside DATABASE_URL's,
 * or none (the server's PGlite lives in its DATA_DIR). Servers must not share one: the mail
 * outbox is a table, and any server's delivery pass sends any due row to *its* SMTP receiver,
 * so a worker's mail could land in another worker's mailbox.
 */
export async function createOwnDatabase(prefix: string): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
