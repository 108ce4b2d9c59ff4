import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
import { emailChangeTokenTtlSeconds } from "../accounts/email-change-token";
import type { RequestContext, SecurityEventType } from "../security/record-event";

/** Each is also the security event it tells about (lib/notifications/record-notified-event.ts). */
export const securityNotificationKinds = [
  "two_factor_enabled",
  "two_factor_disabled",
  "backup_codes_regenerated",
  "backup_code_used",
  "two_factor_reset_by_admin",
  "password_step_locked",
  "code_step_locked",
  "password_changed",
  "email_changed",
] as const satisfies readonly SecurityEventType[];
export type SecurityNotificationKind = (typeof securityNotificationKinds)[number];

/** Every mail the outbox sends: the notifications, and the confirmation link mailed to a new address. */
export const mailKinds = [...securityNotificationKinds, "email_change_requested"] as const;
export type MailKind = (typeof mailKinds)[number];

export function isMailKind(value: string): value is MailKind {
  return (mailKinds as readonly string[]).includes(value);
}

/**
 * The mail a user gets when a factor changes or a backup code is used. We do not know which
 * language the reader prefers, so it is written in both. It names what happened, when and
 * from where — never a code or a secret.
 */
export function composeSecurityNotification(options: {
  kind: MailKind;
  appName: string;
  occurredAt: Date;
  context: RequestContext;
  /** The outbox row's `detail`: the masked new address of an address-change notice. */
  detail?: string | null;
  /** The outbox row's `link`: the confirmation link of an address change. */
  link?: string | null;
}): { subject: string; text: string } {
  const when = options.occurredAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const part = (messages: typeof en) => {
    const mail = messages.mail;
    const where = options.context.ip ?? mail.unknownAddress;
    const what = mail[options.kind].replace("{address}", options.detail ?? "");
    const link = options.link ? ["", options.link, mail.linkValidity.replace("{hours}", String(emailChangeTokenTtlSeconds / 3600)), ""] : [];
    const notYou = options.kind === "email_change_requested" ? mail.notYouRequested : mail.notYou;
    return [what, ...link, `${mail.when}: ${when}`, `${mail.where}: ${where}`, "", notYou].join("\n");
  };
  return {
    subject: `[${options.appName}] ${ja.mail.subjects[options.kind]} / ${en.mail.subjects[options.kind]}`,
    text: `${part(ja as typeof en)}\n\n----\n\n${part(en)}\n`,
  };
}
