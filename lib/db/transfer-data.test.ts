import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { verifyPasswordStep } from "../auth/password-step";
import { closeDb, db, ensureDatabaseReady } from "../db";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../two-factor/totp";
import { tempDir, testEngines } from "../../testing/databases";
import { type DataExport, exportData, ImportError, importData } from "./transfer-data";

const context = { ip: "198.51.100.7", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const cleanups: (() => Promise<void>)[] = [];

/** Points the app's client at a fresh database: PostgreSQL when TEST_DATABASE_URL is set (the real move), else another PGlite. */
async function useFreshDatabase(kind: "embedded" | "target") {
  await closeDb();
  const postgres = testEngines().find((engine) => engine.name === "postgresql");
  if (kind === "target" && postgres) {
    const database = await postgres.create();
    process.env.DATABASE_URL = database.connectionString;
    cleanups.push(() => database.destroy());
  } else {
    const dataDir = tempDir("nidan-transfer-");
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  }
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
  process.env.TOTP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  await ensureDatabaseReady();
}

afterAll(async () => {
  await closeDb();
  for (const cleanup of cleanups) await cleanup();
}, 60_000);

it("moves every row from the embedded database to a fresh one; sign-in data still works there", async () => {
  await useFreshDatabase("embedded");
  const created = await createAccount({ email: "move@example.com", password: "correct horse battery", context });
  if (!created.ok) throw new Error("no user");
  const sessionId = crypto.randomUUID();
  const secret = (await ensurePendingSetup({ userId: created.userId, sessionId, keyring }))!.secret;
  await enableTwoFactor({ userId: created.userId, sessionId, code: await generateTotpCode({ secret }), keyring, context });
  const backup = await regenerateBackupCodes({ userId: created.userId, context });
  if (!backup.ok) throw new Error("no codes");
  const exported: DataExport = JSON.parse(JSON.stringify(await exportData()));

  await useFreshDatabase("target");
  const { rows } = await importData({ data: exported });
  const total = Object.values(exported.tables).reduce((sum, tableRows) => sum + tableRows.length, 0);
  expect(rows).toBe(total);
  expect((await exportData()).tables).toEqual(exported.tables);
  expect(await verifyPasswordStep({ email: "move@example.com", password: "correct horse battery", context })).toMatchObject({
    ok: true,
    twoFactorRequired: true,
  });
  expect(await db.backupCode.count({ where: { userId: created.userId, usedAt: null } })).toBe(10);

  // A second import into a database that now holds data is refused, and writes nothing.
  await expect(importData({ data: exported })).rejects.toBeInstanceOf(ImportError);
  expect(await db.user.count()).toBe(1);
}, 120_000);
