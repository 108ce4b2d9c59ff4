import { emailChangeTokenTtlSeconds } from "../accounts/email-change-token";
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
  "password_changed",
  "email_changed",
  "passkey_added",
  "passkey_removed",
  "authenticator_app_added",
] as const satisfies readonly SecurityEventType[];
export type SecurityNotificationKind = (typeof securityNotificationKinds)[number];

/** Every mail the outbox sends: the notifications, and the confirmation link mailed to a new address. */
export const mailKinds = [...securityNotificationKinds, "email_change_requested"] as const;
export type MailKind = (typeof mailKinds)[number];

export function isMailKind(value: string): value is MailKind {
  return (mailKinds as readonly string[]).includes(value);
}

/**
 * The mail a user gets when a factor changes or a backup code is used, in the user's language
 * (User.locale, the one they last used; DEFAULT_LOCALE when unknown). It names what happened,
 * when and from where — never a code or a secret.
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
  locale: Locale;
}): { subject: string; text: string } {
  const t = translatorFor(options.locale);
  const when = options.occurredAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const where = options.context.ip ?? t("mail.unknownAddress");
  const what = t(`mail.${options.kind}`, { address: options.detail ?? "" });
  const link = options.link ? ["", options.link, t("mail.linkValidity", { hours: emailChangeTokenTtlSeconds / 3600 }), ""] : [];
  const notYou = options.kind === "email_change_requested" ? t("mail.notYouRequested") : t("mail.notYou");
  // The browser is named where it helps tell the owner's own change from another's.
  const browser = options.kind === "password_changed" ? [`${t("mail.browser")}: ${options.context.userAgent ?? t("mail.unknownAddress")}`] : [];
  return {
    subject: `[${options.appName}] ${t(`mail.subjects.${options.kind}`)}`,
    text: [what, ...link, `${t("mail.when")}: ${when}`, `${t("mail.where")}: ${where}`, ...browser, "", notYou, ""].join("\n"),
  };
}
