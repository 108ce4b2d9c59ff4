import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translator";
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
] as const satisfies readonly SecurityEventType[];
export type SecurityNotificationKind = (typeof securityNotificationKinds)[number];

export function isSecurityNotificationKind(value: string): value is SecurityNotificationKind {
  return (securityNotificationKinds as readonly string[]).includes(value);
}

/**
 * The mail a user gets when a factor changes or a backup code is used, in the user's language
 * (User.locale, the one they last used; DEFAULT_LOCALE when unknown). It names what happened,
 * when and from where — never a code or a secret.
 */
export function composeSecurityNotification(options: {
  kind: SecurityNotificationKind;
  appName: string;
  occurredAt: Date;
  context: RequestContext;
  locale: Locale;
}): { subject: string; text: string } {
  const t = translatorFor(options.locale);
  const when = options.occurredAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const where = options.context.ip ?? t("mail.unknownAddress");
  return {
    subject: `[${options.appName}] ${t(`mail.subjects.${options.kind}`)}`,
    text: [t(`mail.${options.kind}`), `${t("mail.when")}: ${when}`, `${t("mail.where")}: ${where}`, "", t("mail.notYou"), ""].join("\n"),
  };
}
