import { passwordStepKeys } from "../auth/password-step";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { enqueueMail } from "../notifications/enqueue-mail";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { rateLimitKey } from "../security/rate-limit";
import { hashEmailChangeToken, isWellFormedEmailChangeToken, maskEmail } from "./email-change-token";

export type ConfirmEmailChangeResult = { ok: true; email: string } | { ok: false; reason: "invalid_link" | "email_taken" };

/** The failure counters keyed by address (ADR 0004): the account keeps its own across the change. */
function emailKeyedCounters(email: string): string[] {
  return [passwordStepKeys.untrusted(email), passwordStepKeys.untrustedCap(email), rateLimitKey("password-account", email)];
}

/**
 * The link mailed to the new address was opened (issue 16 §3), by anyone holding it, signed in
 * or not: the token alone names the account, so a browser signed in to another account changes
 * nothing of that one. One transaction: the token is spent (unknown, expired, superseded and
 * spent tokens are one answer), the address changes and is marked confirmed, the counters move
 * with it, and the old address is told, with the new one masked.
 */
export async function confirmEmailChange(options: { token: unknown; context: RequestContext; now?: Date }): Promise<ConfirmEmailChangeResult> {
  if (!isWellFormedEmailChangeToken(options.token)) return { ok: false, reason: "invalid_link" };
  const now = options.now ?? new Date();
  const tokenHash = hashEmailChangeToken(options.token);
  try {
    return await db.$transaction(async (transaction): Promise<ConfirmEmailChangeResult> => {
      const pending = await transaction.emailChangeToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, newEmail: true, expiresAt: true } });
      if (!pending || pending.expiresAt <= now) return { ok: false, reason: "invalid_link" };
      // Spent by a conditional delete: two openings at once change the address once.
      const spent = await transaction.emailChangeToken.deleteMany({ where: { id: pending.id } });
      if (spent.count !== 1) return { ok: false, reason: "invalid_link" };
      const user = await transaction.user.findUniqueOrThrow({ where: { id: pending.userId }, select: { email: true } });
      await transaction.user.update({ where: { id: pending.userId }, data: { email: pending.newEmail, emailConfirmedAt: now } });
      const [oldKeys, newKeys] = [emailKeyedCounters(user.email), emailKeyedCounters(pending.newEmail)];
      for (const [index, oldKey] of oldKeys.entries()) {
        if (!(await transaction.rateLimit.findUnique({ where: { key: oldKey }, select: { key: true } }))) continue;
        await transaction.rateLimit.deleteMany({ where: { key: newKeys[index] } });
        await transaction.rateLimit.update({ where: { key: oldKey }, data: { key: newKeys[index] } });
      }
      await recordSecurityEvent({ userId: pending.userId, type: "email_changed", context: options.context, transaction });
      await enqueueMail({ transaction, userId: pending.userId, recipient: user.email, kind: "email_changed", context: options.context, detail: maskEmail(pending.newEmail) });
      return { ok: true, email: pending.newEmail };
    });
  } catch (error) {
    // Another account took the address after the link was sent (sign-up, or its own change).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "email_taken" };
    throw error;
  }
}
