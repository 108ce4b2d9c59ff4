import { db } from "../db";
import { hashEmailChangeToken, isWellFormedEmailChangeToken } from "./email-change-token";

/** Whether a link's token may still confirm a change (read only: the page shows the button, the post spends it). */
export async function isEmailChangePending(options: { token: unknown; now?: Date }): Promise<boolean> {
  if (!isWellFormedEmailChangeToken(options.token)) return false;
  const pending = await db.emailChangeToken.findUnique({ where: { tokenHash: hashEmailChangeToken(options.token) }, select: { expiresAt: true } });
  return Boolean(pending && pending.expiresAt > (options.now ?? new Date()));
}
