// `npm run user:create` as an admin runs it: a child process (npx tsx) on a fresh embedded
// database in a temp DATA_DIR, and on a fresh PostgreSQL database when TEST_DATABASE_URL is set.
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argon2NeedsRehash, argon2Verify } from "../lib/crypto/argon2";
import { closeDb, db } from "../lib/db";
import { tempDir, testEngines } from "../testing/databases";

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Starting tsx and Prisma takes seconds, and the first run on a new embedded database creates it. */
const CLI_TIMEOUT_MS = 180_000;
const usage = "Usage: npm run user:create -- --email <address> --password <password> [--admin]";

type Database = { DATA_DIR: string } | { DATABASE_URL: string };
type Run = { code: number | null; stdout: string; stderr: string };

function runCli(args: string[], database: Database): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database };
  if (!("DATABASE_URL" in database)) delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/user-create.ts", ...args], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    // "close", not "exit": the process has ended and its output is complete.
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Reads the database the CLI wrote, through lib/db, then closes it (PGlite admits one process). */
async function inDatabase<T>(database: Database, read: () => Promise<T>): Promise<T> {
  if ("DATABASE_URL" in database) {
    process.env.DATABASE_URL = database.DATABASE_URL;
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = database.DATA_DIR;
  }
  try {
    return await read();
  } finally {
    await closeDb();
  }
}

describe.each(testEngines())("npm run user:create on $name", { timeout: CLI_TIMEOUT_MS }, (engine) => {
  let database: Database;
  let cleanup = async () => {};

  beforeAll(async () => {
    if (engine.name === "postgresql") {
      const created = await engine.create();
      database = { DATABASE_URL: created.connectionString! };
      cleanup = () => created.destroy();
    } else {
      const dataDir = tempDir("nidan-user-create-");
      database = { DATA_DIR: dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);

  afterAll(async () => {
    await closeDb();
    await cleanup();
  }, CLI_TIMEOUT_MS);

  it("creates an admin and a user with argon2id hashes, then refuses a taken email", async () => {
    const admin = await runCli(["--email", " Ada@Example.COM ", "--password", "correct horse battery", "--admin"], database);
    expect(admin).toMatchObject({ code: 0 });
    expect(admin.stdout).toContain("Created user ada@example.com (admin)");

    const user = await runCli(["--email", "bob@example.com", "--password", "another long password"], database);
    expect(user).toMatchObject({ code: 0 });
    expect(user.stdout).toContain("Created user bob@example.com");
    expect(user.stdout).not.toContain("(admin)");

    const users = await inDatabase(database, () =>
      db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, role: true, passwordHash: true } }),
    );
    expect(users.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: "ada@example.com", role: "ADMIN" },
      { email: "bob@example.com", role: "USER" },
    ]);
    for (const { passwordHash } of users) {
      expect(passwordHash).toMatch(/^\$argon2id\$v=19\$/);
      expect(argon2NeedsRehash(passwordHash)).toBe(false);
    }
    expect(await argon2Verify({ hash: users[0].passwordHash, password: "correct horse battery" })).toBe(true);
    expect(await argon2Verify({ hash: users[1].passwordHash, password: "another long password" })).toBe(true);
    expect(await argon2Verify({ hash: users[1].passwordHash, password: "correct horse battery" })).toBe(false);

    const taken = await runCli(["--email", "ADA@example.com", "--password", "a different password"], database);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("user:create: a user with the email ada@example.com already exists");
    expect(taken.stdout).not.toContain("Created user");
    const afterTaken = await inDatabase(database, () => db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } }));
    expect(afterTaken.passwordHash).toBe(users[0].passwordHash);
    expect(afterTaken.role).toBe("ADMIN");
  });
});

describe("npm run user:create refuses a wrong command line before touching the database", { timeout: CLI_TIMEOUT_MS }, () => {
  const dataDir = tempDir("nidan-user-create-input-");
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Independent of one another and of any database: run together to save the start-up time.
  it.concurrent.for([
    [["--email", "not-an-email", "--password", "correct horse battery"], 'user:create: --email is not an email address: "not-an-email"', false],
    [["--email", "eve@example.com", "--password", "short"], "user:create: --password must be at least 15 characters", false],
    [["--email", "eve@example.com"], "user:create: missing --password", true],
    [["--password", "correct horse battery"], "user:create: missing --email", true],
    [[], "user:create: missing --email and --password", true],
    [["--email", "eve@example.com", "--password", "correct horse battery", "--role", "admin"], "user:create: Unknown option '--role'", true],
  ] as const)("%j exits 1 with a clear message", async ([args, message, withUsage], { expect }) => {
    const run = await runCli([...args], { DATA_DIR: dataDir });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr.includes(usage)).toBe(withUsage);
    expect(run.stdout).toBe("");
  });

  it("created no database for them", () => {
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
