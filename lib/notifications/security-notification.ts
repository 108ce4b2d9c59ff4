import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
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
] as const satisfies readonly SecurityEventType[];
export type SecurityNotificationKind = (typeof securityNotificationKinds)[number];

export function isSecurityNotificationKind(value: string): value is SecurityNotificationKind {
  return (securityNotificationKinds as readonly string[]).includes(value);
}

/**
 * The mail a user gets when a factor changes or a backup code is used. We do not know which
 * language the reader prefers, so it is written in both. It names what happened, when and
 * from where — never a code or a secret.
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
    // The browser is named where it helps tell the owner's own change from another's.
    const browser = options.kind === "password_changed" ? [`${mail.browser}: ${options.context.userAgent ?? mail.unknownAddress}`] : [];
    return [mail[options.kind], `${mail.when}: ${when}`, `${mail.where}: ${where}`, ...browser, "", mail.notYou].join("\n");
  };
  return {
    subject: `[${options.appName}] ${ja.mail.subjects[options.kind]} / ${en.mail.subjects[options.kind]}`,
    text: `${part(ja as typeof en)}\n\n----\n\n${part(en)}\n`,
  };
}
