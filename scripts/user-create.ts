// `npm run user:create -- --email E --password P [--admin]`: creates a user (an admin with --admin)
// on DATABASE_URL, or on the embedded database in DATA_DIR (default .data) when it is unset.
// On the embedded database while the app runs, it goes through the app (ADR 0012).
import { parseArgs } from "node:util";
import { emailMaxLength, normalizeEmail, unmailableEmailCharacters } from "../lib/input/normalize-email";
import { checkNewPassword, passwordMaxLength, passwordMinLength } from "../lib/input/password-rules";

const usage = "Usage: npm run user:create -- --email <address> --password <password> [--admin]";

/** What the user typed wrong: printed as one line, with the usage when the command line itself is wrong. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage: boolean,
  ) {
    super(message);
  }
}

type Request = { email: string; password: string; admin: boolean } | "help";

function readRequest(args: string[]): Request {
  let values: { email?: string; password?: string; admin?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        password: { type: "string" },
        admin: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's messages name the option: "Unknown option '--name'", "Option '--email <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0] : String(error), true);
  }
  if (values.help) return "help";
  const missing = (["email", "password"] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(" and ")}`, true);

  const email = normalizeEmail(values.email);
  if (!email.ok) {
    const reasons = {
      empty: "--email is empty",
      too_long: `--email is longer than ${emailMaxLength} characters`,
      invalid: `--email is not an email address: ${JSON.stringify(values.email)}`,
      unmailable_character: `--email contains a space or one of ${unmailableEmailCharacters}, which no mailbox address may hold`,
    };
    throw new UsageError(reasons[email.reason], false);
  }
  const password = checkNewPassword(values.password);
  if (!password.ok) {
    const reasons = {
      empty: "--password is empty",
      too_short: `--password must be at least ${password.min ?? passwordMinLength} characters`,
      too_long: `--password must be at most ${passwordMaxLength} characters`,
      invalid: "--password contains a character that cannot be stored (NUL or a lone surrogate)",
      too_common: "--password is too common: it is on a list of common passwords or as easy to guess",
      personal: "--password is built from the email address or the app's name",
    };
    throw new UsageError(reasons[password.reason], false);
  }
  return { email: email.email, password: password.password, admin: values.admin ?? false };
}

/** One line for a database failure (pg reports a refused connection as an AggregateError with no message). */
function describeFailure(error: unknown): string {
  const cause = error instanceof AggregateError && error.errors[0] instanceof Error ? error.errors[0] : error;
  if (!(cause instanceof Error)) return String(cause);
  const text = cause.message || (cause as NodeJS.ErrnoException).code || cause.name;
  return text.replace(/\s+/g, " ").trim();
}

let closeDb: (() => Promise<void>) | undefined;
try {
  const request = readRequest(process.argv.slice(2));
  if (request === "help") {
    console.log(usage);
  } else {
    // Loaded only now: a wrong command line is answered at once, without loading Prisma.
    const database = await import("../lib/db");
    closeDb = database.closeDb;
    const { createAccount } = await import("../lib/accounts/create-account");
    await database.ensureDatabaseReady();
    const created = await createAccount({
      email: request.email,
      password: request.password,
      role: request.admin ? "ADMIN" : "USER",
      context: { ip: null, userAgent: "npm run user:create" },
    });
    if (!created.ok) throw new UsageError(`a user with the email ${request.email} already exists`, false);
    // Read back before saying so: a write that went elsewhere must never be reported (issue 13 §6).
    const stored = await database.db.user.findUnique({ where: { email: request.email }, select: { role: true } });
    if (stored?.role !== (request.admin ? "ADMIN" : "USER")) throw new Error(`the new user ${request.email} was not found when read back`);
    console.log(`Created user ${request.email}${request.admin ? " (admin)" : ""}`);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`user:create: ${error.message}`);
    if (error.showUsage) console.error(usage);
  } else {
    console.error(`user:create failed: ${describeFailure(error)}`);
  }
  process.exitCode = 1;
} finally {
  await closeDb?.();
}
