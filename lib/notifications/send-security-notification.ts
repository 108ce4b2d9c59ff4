import nodemailer from "nodemailer";
import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
import { db } from "../db";
import { getConfig } from "../env";
import { mailRecipientOf } from "./mail-addresses";
import type { RequestContext } from "../security/record-event";

export type SecurityNotificationKind =
  | "two_factor_enabled"
  | "two_factor_disabled"
  | "backup_codes_regenerated"
  | "backup_code_used"
  | "two_factor_reset_by_admin"
  | "password_step_locked"
  | "code_step_locked";

const smtpTimeoutMs = 10_000;

type Transport = ReturnType<typeof nodemailer.createTransport>;
let cachedTransport: { smtpUrl: string; transport: Transport } | undefined;

function transportFor(smtpUrl: string): Transport {
  if (cachedTransport?.smtpUrl !== smtpUrl) {
    cachedTransport = {
      smtpUrl,
      transport: nodemailer.createTransport(smtpUrl, {
        connectionTimeout: smtpTimeoutMs,
        greetingTimeout: smtpTimeoutMs,
        socketTimeout: smtpTimeoutMs,
      } as never),
    };
  }
  return cachedTransport.transport;
}

/**
 * The mail a user gets when a factor changes or a backup code is used. We do not
 * know which language the reader prefers, so it is written in both. It names what happened,
 * when and from where — never a code or a secret.
 */
export function composeSecurityNotification(options: {
  kind: SecurityNotificationKind;
  appName: string;
  occurredAt: Date;
  context: RequestContext;
}): { subject: string; text: string } {
  const when = options.occurredAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const part = (messages: typeof en) => {
    const mail = messages.mail;
    const where = options.context.ip ?? mail.unknownAddress;
    return [mail[options.kind], `${mail.when}: ${when}`, `${mail.where}: ${where}`, "", mail.notYou].join("\n");
  };
  return {
    subject: `[${options.appName}] ${ja.mail.subjects[options.kind]} / ${en.mail.subjects[options.kind]}`,
    text: `${part(ja as typeof en)}\n\n----\n\n${part(en)}\n`,
  };
}

/** Sends the notification; a mail failure is logged and never undoes or blocks the change. */
export async function sendSecurityNotification(options: { userId: string; kind: SecurityNotificationKind; context: RequestContext }) {
  const config = getConfig();
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { email: true } });
  if (!user) return;
  const recipient = mailRecipientOf(user.email);
  if (!recipient) {
    console.error(`[mail] ${options.kind} notification for user ${options.userId} not sent: the stored address is not one mailbox (see the start-up email check, ADR 0011)`);
    return;
  }
  const mail = composeSecurityNotification({ kind: options.kind, appName: config.appName, occurredAt: new Date(), context: options.context });
  if (!config.smtpUrl) {
    console.info(`[mail] (SMTP_URL unset) to=${recipient.address} subject=${JSON.stringify(mail.subject)}`);
    return;
  }
  try {
    await transportFor(config.smtpUrl).sendMail({
      from: config.mailFrom,
      to: recipient,
      subject: mail.subject,
      text: mail.text,
    });
  } catch (error) {
    console.error(`[mail] could not send ${options.kind} notification:`, error instanceof Error ? error.message : error);
  }
}
