/**
 * Runs once when the server starts, before it serves a request: configuration is checked
 * (a bad variable stops the start with a sentence naming it), migrations are applied, and on
 * the embedded database a demo user is created and printed.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/env");
  const { ensureDatabaseReady, databaseKind } = await import("./lib/db");
  const config = getConfig();
  await ensureDatabaseReady();
  if (databaseKind() === "embedded") {
    const { ensureDemoUser } = await import("./lib/accounts/ensure-demo-user");
    await ensureDemoUser({ dataDir: config.dataDir });
  }
}
