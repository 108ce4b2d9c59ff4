import { db } from "../db";
import { pendingLoginTtlSeconds } from "./pending-login";

/**
 * Makes a pending-login cookie single-use: the step that completes the
 * sign-in claims the cookie's nonce, and only the first claim wins — a copy of the cookie, or
 * two completions racing with it, gets false. One statement: the insert, and the pruning of
 * claims older than the cookie's lifetime (such a cookie is refused before it gets here).
 */
export async function claimPendingLogin(options: { nonce: string; now?: Date }): Promise<boolean> {
  const now = options.now ?? new Date();
  // timestamp(3) columns hold UTC wall time, as Prisma writes them.
  const prunedBefore = new Date(now.getTime() - pendingLoginTtlSeconds * 1000).toISOString();
  const claimed = await db.$executeRaw`
    WITH "pruned" AS (DELETE FROM "UsedPendingLogin" WHERE "usedAt" < ${prunedBefore}::timestamp(3))
    INSERT INTO "UsedPendingLogin" ("nonce", "usedAt") VALUES (${options.nonce}, ${now.toISOString()}::timestamp(3))
    ON CONFLICT ("nonce") DO NOTHING`;
  return claimed === 1;
}
