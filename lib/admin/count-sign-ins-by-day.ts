import { db } from "../db";

export const signInChartDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/** Sign-ins of one UTC day, by how the second step was passed (Session.method). */
export type SignInDay = { day: string; password: number; totp: number; backupCode: number; passkey: number };

/**
 * The last `days` UTC days, oldest first, today included, every day present (0 when none).
 * Each Session row is one finished sign-in; its method says "password" (no second factor),
 * "totp" (authenticator), "backup_code" or "passkey" (alone or as the second step).
 */
export async function countSignInsByDay(options: { days?: number; now?: Date } = {}): Promise<SignInDay[]> {
  const days = options.days ?? signInChartDays;
  const now = options.now ?? new Date();
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(todayStart - (days - 1) * dayMs);
  const rows = await db.$queryRaw<{ day: string; method: string; count: bigint }[]>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS "day", "method", count(*) AS "count"
    FROM "Session" WHERE "createdAt" >= ${since.toISOString()}::timestamp(3)
    GROUP BY 1, 2`;
  const result: SignInDay[] = Array.from({ length: days }, (_, index) => ({
    day: new Date(since.getTime() + index * dayMs).toISOString().slice(0, 10),
    password: 0,
    totp: 0,
    backupCode: 0,
    passkey: 0,
  }));
  const byDay = new Map(result.map((entry) => [entry.day, entry]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    const count = Number(row.count);
    if (row.method === "password") entry.password += count;
    else if (row.method === "totp") entry.totp += count;
    else if (row.method === "backup_code") entry.backupCode += count;
    else if (row.method === "passkey") entry.passkey += count;
  }
  return result;
}
