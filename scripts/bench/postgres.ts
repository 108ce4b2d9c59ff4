// With DATABASE_URL, the benchmark runs on a database of its own inside that server, created
// for the run and dropped at the end, so it neither reads nor leaves anything in yours.
import { randomBytes } from "node:crypto";
import pg from "pg";

export type BenchDatabase = { url: string; drop: () => Promise<void> };

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `nidan_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    throw new Error(
      `cannot create a database for the benchmark in DATABASE_URL's server (${error instanceof Error ? error.message : error}); use a role with CREATEDB`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
