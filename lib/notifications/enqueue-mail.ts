import type { Prisma } from "../generated/prisma/client";
import { storedClient, type RequestContext } from "../security/record-event";
import { noteMailEnqueued } from "./deliver-due-mail";
import { mailRecipientOf } from "./mail-addresses";
import type { MailKind } from "./security-notification";

/**
 * Puts one mail in the outbox inside the caller's transaction (ADR 0014), to an address given
 * rather than the account's: the confirmation link goes to the new address, the change notice
 * to the old one. False, with an error logged, when the address is not one mailbox.
 */
export async function enqueueMail(options: {
  transaction: Prisma.TransactionClient;
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
  await options.transaction.outboxMail.create({
    data: { recipient: recipient.address, kind: options.kind, clientIp: storedClient(options.context).ip, detail: options.detail, link: options.link },
  });
  noteMailEnqueued();
  return true;
}
