import { db } from "../db";

export type DataExport = {
  format: "nidan-export-1";
  exportedAt: string;
  migrations: string[];
  tables: Record<string, unknown[]>;
};

/** The app's tables, parents before children (foreign keys), so an import never breaks a reference. */
async function tablesInDependencyOrder(): Promise<string[]> {
  const tables = (
    await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`
  ).map((row) => row.name);
  const references = await db.$queryRaw<{ child: string; parent: string }[]>`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint constraint_row
    JOIN pg_class child ON child.oid = constraint_row.conrelid
    JOIN pg_class parent ON parent.oid = constraint_row.confrelid
    WHERE constraint_row.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`;
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const { parent } of references.filter((reference) => reference.child === table && reference.parent !== table)) {
      visit(parent, [...path, table]);
    }
    ordered.push(table);
  };
  tables.forEach((table) => visit(table, []));
  return ordered;
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Every row of every table as JSON (PostgreSQL's own row_to_json, so types round-trip). */
export async function exportData(): Promise<DataExport> {
  const tables: Record<string, unknown[]> = {};
  for (const table of await tablesInDependencyOrder()) {
    const rows = await db.$queryRawUnsafe<{ row: unknown }[]>(`SELECT row_to_json(t) AS row FROM ${quoted(table)} t`);
    tables[table] = rows.map((row) => row.row);
  }
  return { format: "nidan-export-1", exportedAt: new Date().toISOString(), migrations: await appliedMigrationNames(), tables };
}

export class ImportError extends Error {}

/**
 * Loads an export into a migrated, empty database, in one transaction: either every row
 * arrives or none does. Refuses a database that already holds users, or a different schema.
 */
export async function importData(options: { data: DataExport }): Promise<{ rows: number }> {
  const { data } = options;
  if (data.format !== "nidan-export-1") throw new ImportError("This file is not a Nidan export.");
  const target = await appliedMigrationNames();
  if (JSON.stringify(target) !== JSON.stringify(data.migrations)) {
    throw new ImportError("The export and the database have different migrations: run `npm run db:deploy` on both versions first.");
  }
  const order = await tablesInDependencyOrder();
  let rows = 0;
  await db.$transaction(
    async (transaction) => {
      for (const table of order) {
        const [{ count }] = await transaction.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${quoted(table)}`);
        if (count > 0) throw new ImportError(`The table ${table} is not empty: import into a fresh database.`);
      }
      for (const table of order) {
        const tableRows = data.tables[table] ?? [];
        if (tableRows.length === 0) continue;
        rows += await transaction.$executeRawUnsafe(
          `INSERT INTO ${quoted(table)} SELECT * FROM json_populate_recordset(NULL::${quoted(table)}, $1::json)`,
          JSON.stringify(tableRows),
        );
      }
    },
    { timeout: 120_000 },
  );
  return { rows };
}

async function appliedMigrationNames(): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
  return rows.map((row) => row.name);
}
