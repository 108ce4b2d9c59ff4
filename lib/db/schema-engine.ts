// Prisma's schema engine compiled to WASM, for dev tooling only (scripts and tests):
// the native engine cannot be downloaded on these machines (docs: STACK.md).
// Not imported by the app: @prisma/schema-engine-wasm is a devDependency.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { readMigrationsFolder } from "./migrations-folder";

export type { SchemaEngine };

export const noSchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

let wasmInstantiated = false;

/** Node 20 cannot `import` a .wasm file, so the module is instantiated by hand, once. */
async function instantiateEngineWasm(): Promise<void> {
  if (wasmInstantiated) return;
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": engineBindings,
  });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  wasmInstantiated = true;
}

/**
 * An engine working through a Prisma driver adapter. Commands that need a shadow database
 * (diff) open one that the engine never closes: a script using them must end with process.exit.
 */
export async function createSchemaEngine(options: {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  schemaPath: string;
  schemaText: string;
}): Promise<SchemaEngine> {
  const { adapterFactory, schemaPath, schemaText } = options;
  await instantiateEngineWasm();
  const ignoreLogLine = () => {};
  return engineBindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    ignoreLogLine,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

/** The migrations folder in the shape the engine takes it (the Prisma CLI builds the same). */
export function engineMigrationList(options: { migrationsDir: string }): MigrationList {
  const { migrationsDir } = options;
  const lockfilePath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    // Without the lockfile the engine fails with "Could not determine the connector".
    lockfile: { path: "migration_lock.toml", content: readFileSync(lockfilePath, "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: readMigrationsFolder({ migrationsDir }).map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}
