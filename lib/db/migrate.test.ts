import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyPendingMigrations, MigrationError, readMigrationStatus } from "./migrate";
import { defaultMigrationsDir, readMigrationsFolder, sha256Hex } from "./migrations-folder";
import { createSchemaEngine, engineMigrationList, noSchemaFilter, type SchemaEngine } from "./schema-engine";
import { tempDir, testEngines, type TestDatabase } from "../../testing/databases";

/** Opening a PGlite takes seconds, many more on a loaded CI machine. */
const DATABASE_TIMEOUT_MS = 120_000;

const migrationsDir = defaultMigrationsDir();
const folderMigrations = readMigrationsFolder({ migrationsDir });
const schemaTables = ["User", "TwoFactor", "BackupCode", "Session", "SecurityEvent", "RateLimit"];

/** `_prisma_migrations` as Prisma's schema engine created it (read from a database it migrated). */
const prismaMigrationsColumns = [
  { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO", column_default: null },
  { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO", column_default: null },
  { column_name: "finished_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
  { column_name: "migration_name", data_type: "character varying", character_maximum_length: 255, is_nullable: "NO", column_default: null },
  { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES", column_default: null },
  { column_name: "rolled_back_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
  { column_name: "started_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "NO", column_default: "now()" },
  { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO", column_default: "0" },
];

interface HistoryRow extends Record<string, unknown> {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  logs: string | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

describe.each(testEngines())("migration runner on $name", { timeout: DATABASE_TIMEOUT_MS }, (engine) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await engine.create();
  }, DATABASE_TIMEOUT_MS);

  afterEach(async () => {
    await database?.destroy();
  }, DATABASE_TIMEOUT_MS);

  const history = () => database.query<HistoryRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at`);

  it("applies every migration and records it as Prisma does", async () => {
    const result = await applyPendingMigrations({ database: database.connect(), migrationsDir });

    expect(result.appliedMigrationNames).toEqual(folderMigrations.map((migration) => migration.name));
    const rows = await history();
    expect(rows.map((row) => row.migration_name)).toEqual(result.appliedMigrationNames);
    for (const [index, row] of rows.entries()) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256Hex(sql));
      expect(row.checksum).toBe(folderMigrations[index].checksumSha256Hex);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    const columns = await database.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual(prismaMigrationsColumns);
  });

  it("creates the schema's tables", async () => {
    await applyPendingMigrations({ database: database.connect(), migrationsDir });

    const tables = await database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(schemaTables));
    await database.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES (gen_random_uuid(), 'a@b.c', 'x')`);
    const [user] = await database.query<{ role: string }>(`SELECT role FROM "User"`);
    expect(user.role).toBe("USER");
  });

  it("applies nothing the second time", async () => {
    await applyPendingMigrations({ database: database.connect(), migrationsDir });
    const before = await history();

    const second = await applyPendingMigrations({ database: database.connect(), migrationsDir });

    expect(second.appliedMigrationNames).toEqual([]);
    expect(await history()).toEqual(before);
    expect(await readMigrationStatus({ database: database.connect(), migrationsDir })).toEqual({
      pending: [],
      edited: [],
      failed: [],
    });
  });

  it("refuses to go on when an applied migration's checksum differs", async () => {
    await applyPendingMigrations({ database: database.connect(), migrationsDir });
    const [first] = folderMigrations;
    await database.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [
      "0".repeat(64),
      first.name,
    ]);

    const run = applyPendingMigrations({ database: database.connect(), migrationsDir });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(first.name);
    const status = await readMigrationStatus({ database: database.connect(), migrationsDir });
    expect(status.edited).toEqual([first.name]);
  });

  it("reports a migration left failed by Prisma's own runner", async () => {
    await applyPendingMigrations({ database: database.connect(), migrationsDir });
    const [first] = folderMigrations;
    await database.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [first.name]);

    await expect(applyPendingMigrations({ database: database.connect(), migrationsDir })).rejects.toThrow(
      /recorded as failed/,
    );
  });

  describe("with a migration whose SQL fails", () => {
    const brokenName = "29991231235959_broken";
    let brokenMigrationsDir: string;

    beforeEach(() => {
      brokenMigrationsDir = tempDir("nidan-migrations-");
      cpSync(migrationsDir, brokenMigrationsDir, { recursive: true });
      mkdirSync(path.join(brokenMigrationsDir, brokenName));
      // The first statement succeeds: it must be rolled back with the failing one.
      writeFileSync(
        path.join(brokenMigrationsDir, brokenName, "migration.sql"),
        `CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n`,
      );
    });

    afterEach(() => {
      rmSync(brokenMigrationsDir, { recursive: true, force: true });
    });

    it("throws, and neither records it nor keeps its partial changes", async () => {
      const run = applyPendingMigrations({ database: database.connect(), migrationsDir: brokenMigrationsDir });

      await expect(run).rejects.toThrow(MigrationError);
      await expect(run).rejects.toThrow(new RegExp(`${brokenName}.*NoSuchTable`));
      const rows = await history();
      expect(rows.map((row) => row.migration_name)).toEqual(folderMigrations.map((migration) => migration.name));
      const [{ present }] = await database.query<{ present: boolean }>(
        `SELECT to_regclass('"HalfDone"') IS NOT NULL AS present`,
      );
      expect(present).toBe(false);
      const status = await readMigrationStatus({ database: database.connect(), migrationsDir: brokenMigrationsDir });
      expect(status.pending).toEqual([brokenName]);
    });
  });

  it("accepts a checkout with CRLF line endings, as Prisma does", async () => {
    await applyPendingMigrations({ database: database.connect(), migrationsDir });
    const crlfMigrationsDir = tempDir("nidan-migrations-crlf-");
    try {
      cpSync(migrationsDir, crlfMigrationsDir, { recursive: true });
      for (const migration of folderMigrations) {
        const sqlPath = path.join(crlfMigrationsDir, migration.name, "migration.sql");
        writeFileSync(sqlPath, migration.sql.replaceAll("\n", "\r\n"));
      }

      const run = await applyPendingMigrations({ database: database.connect(), migrationsDir: crlfMigrationsDir });

      expect(run.appliedMigrationNames).toEqual([]);
    } finally {
      rmSync(crlfMigrationsDir, { recursive: true, force: true });
    }
  });

  describe("next to Prisma's own schema engine (what `prisma migrate deploy` runs)", () => {
    const schemaPath = path.join(process.cwd(), "prisma", "schema.prisma");
    const migrationsList = engineMigrationList({ migrationsDir });

    /** Runs `work` with an engine on the test database, then frees it and its connections. */
    async function withPrismaEngine(work: (prisma: SchemaEngine) => Promise<void>): Promise<void> {
      const adapter = database.prismaAdapter();
      const prisma = await createSchemaEngine({
        adapterFactory: adapter.factory,
        schemaPath,
        schemaText: readFileSync(schemaPath, "utf8"),
      });
      try {
        await work(prisma);
      } finally {
        prisma.free();
        await adapter.close();
      }
    }

    it("finds our history complete and has nothing to apply", async () => {
      await applyPendingMigrations({ database: database.connect(), migrationsDir });

      await withPrismaEngine(async (prisma) => {
        const diagnostic = await prisma.diagnoseMigrationHistory({
          migrationsList,
          optInToShadowDatabase: false,
          filters: noSchemaFilter,
        });
        expect(diagnostic).toEqual({
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: true,
          history: null,
        });
        expect(await prisma.applyMigrations({ migrationsList, filters: noSchemaFilter })).toEqual({
          appliedMigrationNames: [],
        });
      });
    });

    // Embedded only: through adapter-pg the engine runs a script split on every ";", even one
    // inside a comment, which breaks migrations the native engine (one query) applies fine.
    // Registered only where it can run (a skipped test proves nothing).
    if (engine.name === "embedded") it("leaves a history our runner reads as complete", async () => {
      await withPrismaEngine(async (prisma) => {
        const applied = await prisma.applyMigrations({ migrationsList, filters: noSchemaFilter });
        expect(applied.appliedMigrationNames).toEqual(folderMigrations.map((migration) => migration.name));
      });

      const run = await applyPendingMigrations({ database: database.connect(), migrationsDir });

      expect(run.appliedMigrationNames).toEqual([]);
    });
  });

  if (engine.name === "postgresql") it("applies each migration once when instances start together", async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(() => applyPendingMigrations({ database: database.connect(), migrationsDir })),
    );

    const appliedNames = runs.flatMap((run) => run.appliedMigrationNames);
    expect(appliedNames).toEqual(folderMigrations.map((migration) => migration.name));
    expect(await history()).toHaveLength(folderMigrations.length);
  });
});
