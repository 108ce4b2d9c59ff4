import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { closeDb, ensureDatabaseReady } from "../lib/db";
import { tempDir, type TestEngine } from "./databases";

/**
 * Points the app's one database client (`db`) at a fresh database for this test file —
 * PGlite in a temp dir, or a new database on TEST_DATABASE_URL's server — with the schema
 * migrated, and closes and deletes it afterwards. Use inside `describe.each(testEngines())`.
 */
export function useFreshAppDatabase(engine: TestEngine): void {
  let cleanup = async () => {};
  beforeAll(async () => {
    process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
    process.env.TOTP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    delete process.env.SMTP_URL;
    if (engine.name === "postgresql") {
      const database = await engine.create();
      process.env.DATABASE_URL = database.connectionString;
      cleanup = () => database.destroy();
    } else {
      const dataDir = tempDir("nidan-unit-");
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dataDir;
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    await ensureDatabaseReady();
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await cleanup();
  }, 60_000);
}
