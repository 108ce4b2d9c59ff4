/**
 * Runs once when the server starts, before it serves a request: configuration is checked
 * (a bad variable stops the start with a sentence naming it), the helper threads that hash are
 * set to yield the cores to the event loop (ADR 0009), migrations are applied, and on
 * the embedded database a demo user is created and printed; mail waiting in the outbox is
 * sent (ADR 0014). A database that is not up yet
 * does not stop the start: pages answer with the error page and /api/health with 503 until
 * it is, and migrations are retried on the next request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/env");
  const { ensureDatabaseReady, databaseKind, serveEmbeddedDatabaseFromThisProcess } = await import("./lib/db");
  const config = getConfig();
  const { lowerHelperThreadPriority } = await import("./lib/crypto/helper-thread-priority");
  await lowerHelperThreadPriority();
  serveEmbeddedDatabaseFromThisProcess();
  try {
    await ensureDatabaseReady();
  } catch (error) {
    console.error("[db] not ready at start, will retry on the next request:", error instanceof Error ? error.message : error);
    return;
  }
  if (databaseKind() === "embedded") {
    const { ensureDemoUser } = await import("./lib/accounts/ensure-demo-user");
    await ensureDemoUser({ dataDir: config.dataDir });
  }
  // Mail left in the outbox by a failed send or a stopped server; not awaited: the start does
  // not wait for the SMTP server (docs/decisions/0014-mail-outbox.md).
  const { deliverDueMail } = await import("./lib/notifications/deliver-due-mail");
  void deliverDueMail({ force: true });
}
