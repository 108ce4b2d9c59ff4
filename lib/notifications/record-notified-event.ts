import { db } from "../db";
import { isSupportedLocale } from "../i18n/locales";
import type { Prisma } from "../generated/prisma/client";
import { recordSecurityEvent, storedClient, type RequestContext } from "../security/record-event";
import { mailRecipientOf } from "./mail-addresses";
import { noteMailEnqueued } from "./deliver-due-mail";
import type { SecurityNotificationKind } from "./security-notification";

/**
 * A security event the user is told about by mail: the event and the outbox row of its mail
 * are written in one transaction — the caller's, when the event is part of a change — so
 * neither exists without the other, and no SMTP server is waited for (ADR 0014). The mail is
 * sent after the response (lib/notifications/deliver-due-mail.ts).
 */
export async function recordNotifiedSecurityEvent(options: {
  userId: string;
  kind: SecurityNotificationKind;
  context: RequestContext;
  transaction?: Prisma.TransactionClient;
}): Promise<void> {
  const { transaction } = options;
  if (!transaction) {
    await db.$transaction((opened) => recordNotifiedSecurityEvent({ ...options, transaction: opened }));
    return;
  }
  await recordSecurityEvent({ userId: options.userId, type: options.kind, context: options.context, transaction });
  const user = await transaction.user.findUnique({ where: { id: options.userId }, select: { email: true, locale: true } });
  if (!user) return;
  const recipient = mailRecipientOf(user.email);
  if (!recipient) {
    console.error(`[mail] ${options.kind} notification for user ${options.userId} not sent: the stored address is not one mailbox (see the start-up email check, ADR 0011)`);
    return;
  }
  const client = storedClient(options.context);
  await transaction.outboxMail.create({
    data: {
      recipient: recipient.address,
      kind: options.kind,
      clientIp: client.ip,
      clientUserAgent: client.userAgent,
      // The language is the user's when it happened, as the address is; composed when sent.
      locale: isSupportedLocale(user.locale) ? user.locale : null,
    },
  });
  noteMailEnqueued();
}
