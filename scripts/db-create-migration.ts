// Creates the next prisma/migrations/<UTC yyyyMMddHHmmss>_<name>/migration.sql by diffing
// the migrations folder against prisma/schema.prisma with Prisma's WASM schema engine
// (the native engine behind `prisma migrate dev` cannot be downloaded here).
// Usage: npm run db:migration:create -- <name>
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defaultMigrationsDir } from "../lib/db/migrations-folder";
import { createSchemaEngine, engineMigrationList, noSchemaFilter } from "../lib/db/schema-engine";

/** Prisma's folder names: `20261125040000_add_sessions`. */
function migrationFolderName(options: { name: string; now: Date }): string {
  const { name, now } = options;
  const timestamp = now.toISOString().replace(/[-:T]/g, "").slice(0, "yyyyMMddHHmmss".length);
  return `${timestamp}_${name}`;
}

function parseName(argv: string[]): string {
  const name = argv[0]?.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name) {
    throw new Error("Usage: npm run db:migration:create -- <name>   (e.g. add_sessions)");
  }
  return name;
}

async function main(): Promise<void> {
  const name = parseName(process.argv.slice(2));
  const migrationsDir = defaultMigrationsDir();
  const schemaPath = path.join(process.cwd(), "prisma", "schema.prisma");

  const schemaText = readFileSync(schemaPath, "utf8");

  // The diff replays the migrations on the engine's shadow database: an in-memory PGlite
  // (creating migrations through adapter-pg fails: "Column type 'char' could not be deserialized").
  const adapterFactory = new PrismaPGlite(new PGlite());
  const engine = await createSchemaEngine({ adapterFactory, schemaPath, schemaText });
  const migrationsList = engineMigrationList({ migrationsDir });
  const { stdout } = await engine.diff({
    from: { tag: "migrations", ...migrationsList },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schemaText }] },
    script: true,
    exitCode: null,
    filters: noSchemaFilter,
  });
  if (stdout === null || stdout.includes("This is an empty migration.")) {
    console.log("No schema changes: nothing written.");
    return;
  }

  const folder = path.join(migrationsDir, migrationFolderName({ name, now: new Date() }));
  mkdirSync(folder);
  writeFileSync(path.join(folder, "migration.sql"), stdout);
  console.log(`Created ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}`);
}

try {
  await main();
  // The engine's shadow database is never closed and would keep the process alive.
  process.exit(0);
} catch (error) {
  console.error(`db:migration:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
