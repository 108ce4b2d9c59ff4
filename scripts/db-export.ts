// `npm run db:export -- <file.json>`: every row of the database named by DATABASE_URL (or the
// embedded one in DATA_DIR, through the app when it runs) into a JSON file (docs/operations.md).
import { writeFileSync } from "node:fs";
import { closeDb, ensureDatabaseReady } from "../lib/db";
import { exportData } from "../lib/db/transfer-data";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:export -- <file.json>");
  process.exit(1);
}
try {
  await ensureDatabaseReady();
  const data = await exportData();
  writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
  const rows = Object.values(data.tables).reduce((sum, tableRows) => sum + tableRows.length, 0);
  console.info(`Exported ${rows} rows from ${Object.keys(data.tables).length} tables to ${file} (holds password hashes: keep it safe).`);
} catch (error) {
  console.error(`Export failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
