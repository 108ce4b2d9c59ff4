// lib/db.ts end to end on a real database: embedded PGlite in a temp DATA_DIR (and
// PostgreSQL when TEST_DATABASE_URL is set). No mocks.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDatabaseHealth, closeDb, databaseKind, db, ensureDatabaseReady } from "../db";
import { tempDir, testEngines, type TestDatabase } from "../../testing/databases";

/** Opening a PGlite takes seconds, many more on a loaded CI machine. */
const DATABASE_TIMEOUT_MS = 120_000;

const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

function restoreEnv(): void {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

describe("lib/db.ts on the embedded database", { timeout: DATABASE_TIMEOUT_MS }, () => {
  let dataDir: string;

  beforeEach(() => {
    // A parent that does not exist yet: lib/db.ts must create it (PGlite does not).
    dataDir = path.join(tempDir("nidan-data-"), "nested", "data");
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
  });

  afterEach(async () => {
    await closeDb();
    restoreEnv();
    rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
  }, DATABASE_TIMEOUT_MS);

  it("migrates, writes and reads back, and keeps the data after closing", async () => {
    expect(databaseKind()).toBe("embedded");

    // Many requests at once share one migration run.
    await Promise.all([ensureDatabaseReady(), ensureDatabaseReady(), ensureDatabaseReady()]);
    const created = await db.user.create({ data: { email: "ada@example.com", passwordHash: "hash" } });
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(true);
    expect(await checkDatabaseHealth()).toEqual({ ok: true, migrationsCurrent: true });

    await closeDb();
    await ensureDatabaseReady();
    const found = await db.user.findUnique({ where: { email: "ada@example.com" } });

    expect(found).toMatchObject({ id: created.id, role: "USER", passwordHash: "hash" });
  });

  it("reports pending migrations as not current", async () => {
    expect(await checkDatabaseHealth()).toEqual({ ok: true, migrationsCurrent: false });
  });
});

const postgresql = testEngines().find((engine) => engine.name === "postgresql");

// Registered only with TEST_DATABASE_URL (npm test starts a server when PostgreSQL is installed).
if (postgresql) describe("lib/db.ts on PostgreSQL", { timeout: DATABASE_TIMEOUT_MS }, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await postgresql!.create();
    process.env.DATABASE_URL = database.connectionString;
  });

  afterEach(async () => {
    await closeDb();
    restoreEnv();
    await database?.destroy();
  });

  it("migrates, writes and reads back", async () => {
    expect(databaseKind()).toBe("postgresql");

    await Promise.all([ensureDatabaseReady(), ensureDatabaseReady()]);
    const created = await db.user.create({ data: { email: "grace@example.com", passwordHash: "hash" } });
    const found = await db.user.findUnique({ where: { email: "grace@example.com" } });

    expect(found?.id).toBe(created.id);
    expect(await checkDatabaseHealth()).toEqual({ ok: true, migrationsCurrent: true });
  });
});

describe("checkDatabaseHealth with PostgreSQL down", { timeout: DATABASE_TIMEOUT_MS }, () => {
  afterEach(async () => {
    await closeDb();
    restoreEnv();
  });

  it("reports not ok, and ensureDatabaseReady rejects", async () => {
    // Port 1 on loopback: connection refused at once.
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/nidan";

    expect(await checkDatabaseHealth()).toEqual({ ok: false, migrationsCurrent: false });
    await expect(ensureDatabaseReady()).rejects.toThrow();
  });
});
