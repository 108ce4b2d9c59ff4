// Addresses stored before ADR 0011 were only trimmed and lower-cased. At every start (ADR 0011)
// each one is brought to the normal form of lib/input/normalize-email.ts, or reported when that
// cannot be done without merging two accounts or mailing the wrong mailbox. No row is deleted.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { normalizeEmail } from "../input/normalize-email";

export type StoredEmailProblem =
  | { kind: "look_alike"; userId: string; email: string; normalizedEmail: string }
  | { kind: "unmailable"; userId: string; email: string };

export type StoredEmailReport = { normalized: number; problems: StoredEmailProblem[] };

// An address made only of these is its own normal form (when valid), so only the other rows
// are read: after the first start that is the reported rows alone, however many users there are.
const alreadyNormalPattern = "^[a-z0-9.!#$%&'*+/=?^_`{|}~@-]+$";

export async function checkStoredEmails(options: {
  prisma: PrismaClient;
  log?: Pick<Console, "info" | "warn">;
}): Promise<StoredEmailReport> {
  const log = options.log ?? console;
  const rows = await options.prisma.$queryRaw<{ id: string; email: string }[]>`
    SELECT "id"::text AS "id", "email" FROM "User" WHERE "email" !~ ${alreadyNormalPattern} ORDER BY "createdAt", "id"`;
  const report: StoredEmailReport = { normalized: 0, problems: [] };
  for (const row of rows) {
    const normal = normalizeEmail(row.email);
    if (normal.ok && normal.email === row.email) continue;
    if (!normal.ok) {
      report.problems.push({ kind: "unmailable", userId: row.id, email: row.email });
      continue;
    }
    try {
      // Conditional on the address read: a change made meanwhile is left alone.
      const updated = await options.prisma.user.updateMany({ where: { id: row.id, email: row.email }, data: { email: normal.email } });
      report.normalized += updated.count;
    } catch (error) {
      // The unique index: an older account already holds the normal form. The older one keeps it.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      report.problems.push({ kind: "look_alike", userId: row.id, email: row.email, normalizedEmail: normal.email });
    }
  }
  if (report.normalized > 0) log.info(`[db] email check: ${report.normalized} stored addresses brought to their normal form (ADR 0011).`);
  for (const problem of report.problems) log.warn(describeProblem(problem));
  return report;
}

function describeProblem(problem: StoredEmailProblem): string {
  const account = `account ${problem.userId} (${JSON.stringify(problem.email)})`;
  const consequence = "left unchanged; it cannot sign in and gets no mail until an operator renames or deletes it (docs/operations.md)";
  if (problem.kind === "look_alike") {
    return `[db] email check: ${account} looks like the older account ${JSON.stringify(problem.normalizedEmail)}: ${consequence}.`;
  }
  return `[db] email check: ${account} holds a character no single mailbox may hold: ${consequence}.`;
}
