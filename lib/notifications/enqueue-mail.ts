import type { Prisma } from "../generated/prisma/client";
import { isSupportedLocale } from "../i18n/locales";
import { storedClient, type RequestContext } from "../security/record-event";
import { noteMailEnqueued } from "./deliver-due-mail";
import { mailRecipientOf } from "./mail-addresses";
import type { MailKind } from "./security-notification";

/**
 * Puts one mail in the outbox inside the caller's transaction (ADR 0014), to an address given
 * rather than the account's: the confirmation link goes to the new address, the change notice
 * to the old one, both in the account's language (User.locale). False, with an error logged,
 * when the address is not one mailbox.
 */
export async function enqueueMail(options: {
  transaction: Prisma.TransactionClient;
  /** The account the mail is about: its language is the mail's. */
  userId: string;
  recipient: string;
  kind: MailKind;
  context: RequestContext;
  detail?: string;
  link?: string;
}): Promise<boolean> {
  const recipient = mailRecipientOf(options.recipient);
  if (!recipient) {
    console.error(`[mail] ${options.kind} mail not sent: the address is not one mailbox (see the start-up email check, ADR 0011)`);
    return false;
  }
  const user = await options.transaction.user.findUnique({ where: { id: options.userId }, select: { locale: true } });
  const locale = isSupportedLocale(user?.locale) ? user.locale : null;
  await options.transaction.outboxMail.create({
    data: { recipient: recipient.address, kind: options.kind, clientIp: storedClient(options.context).ip, locale, detail: options.detail, link: options.link },
  });
  noteMailEnqueued();
  return true;
}
