// `npm run db:import -- <file.json>`: loads an export into the (migrated, empty) database
// named by DATABASE_URL, in one transaction (docs/operations.md).
import { readFileSync } from "node:fs";
import { closeDb, ensureDatabaseReady } from "../lib/db";
import { type DataExport, exportData, ImportError, importData } from "../lib/db/transfer-data";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:import -- <file.json>");
  process.exit(1);
}
try {
  const data = JSON.parse(readFileSync(file, "utf8")) as DataExport;
  await ensureDatabaseReady();
  const { rows } = await importData({ data });
  // Read back before saying so: rows written elsewhere must never be reported (issue 13 §6).
  const stored = Object.values((await exportData()).tables).reduce((sum, tableRows) => sum + tableRows.length, 0);
  if (stored < rows) throw new ImportError(`only ${stored} of the ${rows} rows imported were found when read back`);
  console.info(`Imported ${rows} rows from ${file}.`);
} catch (error) {
  const message = error instanceof ImportError || error instanceof SyntaxError ? error.message : String(error instanceof Error ? error.message : error);
  console.error(`Import failed, nothing was written: ${message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
