import type { PresentedDeviceCookie } from "../auth/device-cookie";
import type { Keyring } from "../crypto/secret-box";
import { db } from "../db";
import { enqueueMail } from "../notifications/enqueue-mail";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";
import { type BudgetPolicy, rateLimitKey, spendBudget } from "../security/rate-limit";
import { type AccountChangeSession, confirmAccountOwner, type ConfirmAccountOwnerResult } from "./confirm-account-owner";
import { emailChangeTokenTtlSeconds, newEmailChangeToken } from "./email-change-token";

/**
 * Confirmation links per user, counted once the password is right: each mails an address the
 * requester chose, so a session and a password must not make the app a mail cannon.
 */
export const emailChangeBudget: BudgetPolicy = { limit: 5, windowSeconds: 3600 };

export type RequestEmailChangeResult =
  | { ok: true }
  | Exclude<ConfirmAccountOwnerResult, { ok: true }>
  | { ok: false; reason: "same_email" | "email_taken" }
  | { ok: false; reason: "too_many_links"; retryAfterSeconds: number };

/**
 * Personal settings → Change email address (issue 16 §3): nothing of the account changes here.
 * A link is mailed to the new address (normalised like sign-up's, by the caller's schema); any
 * earlier link stops working. The address is checked against other accounts only after the
 * password, so a stolen session alone cannot ask which addresses have accounts.
 */
export async function requestEmailChange(options: {
  session: AccountChangeSession;
  newEmail: string;
  currentPassword: string;
  code: string | null;
  keyring: Keyring;
  deviceCookies: PresentedDeviceCookie[];
  context: RequestContext;
  /** The confirmation page's absolute URL; the token is appended as `?token=`. */
  confirmUrl: string;
  now?: Date;
}): Promise<RequestEmailChangeResult> {
  const { session } = options;
  if (options.newEmail === session.user.email) return { ok: false, reason: "same_email" };
  const owner = await confirmAccountOwner(options);
  if (!owner.ok) return owner;
  if (await db.user.findUnique({ where: { email: options.newEmail }, select: { id: true } })) return { ok: false, reason: "email_taken" };
  const budget = await spendBudget({ key: rateLimitKey("email-change", session.user.id), policy: emailChangeBudget, now: options.now });
  if (!budget.ok) return { ok: false, reason: "too_many_links", retryAfterSeconds: budget.retryAfterSeconds };

  const now = options.now ?? new Date();
  const { token, tokenHash } = newEmailChangeToken();
  await db.$transaction(async (transaction) => {
    await transaction.emailChangeToken.deleteMany({ where: { userId: session.user.id } });
    await transaction.emailChangeToken.create({
      data: { userId: session.user.id, newEmail: options.newEmail, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + emailChangeTokenTtlSeconds * 1000) },
    });
    await recordSecurityEvent({ userId: session.user.id, type: "email_change_requested", context: options.context, transaction });
    const link = `${options.confirmUrl}?token=${token}`;
    await enqueueMail({ transaction, userId: session.user.id, recipient: options.newEmail, kind: "email_change_requested", context: options.context, link });
  });
  return { ok: true };
}
