import { db } from "../db";
import type { Locale } from "../i18n/locales";

/** The language the user last chose: their mails are written in it (lib/notifications/). */
export async function rememberUserLocale(options: { userId: string; locale: Locale }): Promise<void> {
  await db.user.updateMany({ where: { id: options.userId }, data: { locale: options.locale } });
}
