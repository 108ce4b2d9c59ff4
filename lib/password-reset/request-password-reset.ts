import { randomUUID } from "node:crypto";
import { type Keyring, sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { noteMailEnqueued } from "../notifications/deliver-due-mail";
import { mailRecipientOf } from "../notifications/mail-addresses";
import { rateLimitClientOf } from "../security/client-address";
import { type BudgetPolicy, rateLimitKey, spendBudget, strictestRefusal } from "../security/rate-limit";
import { recordSecurityEvent, type RequestContext, storedClient } from "../security/record-event";
import { createPasswordResetToken, passwordResetTokenTtlSeconds, resetLinkBinding } from "./reset-token";

/** Per address, known or not (so the limit says nothing about which exist): a person retries a few times. */
export const passwordResetPerAddressBudget: BudgetPolicy = { limit: 5, windowSeconds: 3600 };
/** Per client, when a trusted proxy names it. */
export const passwordResetPerClientBudget: BudgetPolicy = { limit: 20, windowSeconds: 3600 };
/** Across all clients: in the default start (no client address) a script cannot mail every user at once. */
export const passwordResetGlobalBudget: BudgetPolicy = { limit: 300, windowSeconds: 3600 };

export type PasswordResetRequestResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * The part of "Forgot your password?" that answers the request: budgets only, the same work
 * whether or not an account has the address. The link itself is made after the response
 * (issuePasswordResetLink), so the answer's time cannot tell either (ADR 0018).
 */
export async function spendPasswordResetBudgets(options: { email: string; context: RequestContext; now?: Date }): Promise<PasswordResetRequestResult> {
  const budgets = [
    { key: rateLimitKey("password-reset-address", options.email), policy: passwordResetPerAddressBudget },
    { key: rateLimitKey("password-reset-global"), policy: passwordResetGlobalBudget },
  ];
  if (options.context.ip) budgets.push({ key: rateLimitKey("password-reset-client", rateLimitClientOf(options.context.ip)), policy: passwordResetPerClientBudget });
  const refusal = strictestRefusal(await Promise.all(budgets.map((budget) => spendBudget({ ...budget, now: options.now }))));
  return refusal ? { ok: false, reason: "rate_limited", retryAfterSeconds: refusal.retryAfterSeconds } : { ok: true };
}

/**
 * Makes a new link for the account with this address, if there is one: every older link of the
 * account is deleted (a newer one supersedes it), the token's hash stored, and the mail put in
 * the outbox with the link sealed (ADR 0018), in one transaction with the security event.
 * `sentByAdmin` is for an admin's reset (lib/admin/send-password-reset.ts), inside its transaction.
 */
export async function issuePasswordResetLink(options: {
  email: string;
  linkOrigin: string;
  keyring: Keyring;
  context: RequestContext;
  sentByAdmin?: boolean;
  transaction?: Prisma.TransactionClient;
  now?: Date;
}): Promise<{ issued: boolean }> {
  const { transaction } = options;
  if (!transaction) return db.$transaction((opened) => issuePasswordResetLink({ ...options, transaction: opened }));
  const user = await transaction.user.findUnique({ where: { email: options.email }, select: { id: true, email: true } });
  const recipient = user && mailRecipientOf(user.email);
  if (!user || !recipient) return { issued: false };
  const now = options.now ?? new Date();
  const { token, tokenHash } = createPasswordResetToken();
  await transaction.passwordResetToken.deleteMany({ where: { userId: user.id } });
  await transaction.passwordResetToken.create({
    data: { userId: user.id, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + passwordResetTokenTtlSeconds * 1000) },
  });
  const link = new URL(`/password/reset?token=${token}`, options.linkOrigin).toString();
  const outboxMailId = randomUUID();
  const client = storedClient(options.context);
  await transaction.outboxMail.create({
    data: {
      id: outboxMailId,
      recipient: recipient.address,
      kind: options.sentByAdmin ? "password_reset_link_by_admin" : "password_reset_link",
      clientIp: client.ip,
      clientUserAgent: client.userAgent,
      linkEncrypted: sealSecret({ plaintext: link, keyring: options.keyring, binding: resetLinkBinding(outboxMailId) }),
      createdAt: now,
    },
  });
  await recordSecurityEvent({ userId: user.id, type: "password_reset_requested", context: options.context, transaction });
  noteMailEnqueued();
  return { issued: true };
}
