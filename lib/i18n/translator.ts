import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
import type { Locale } from "./locales";

const catalogues = { en, ja } as const;

/**
 * The catalogue of one language outside a request (mails, the backup-code file): what is
 * written for a person in their language (User.locale), not the language of the page that
 * happens to send it.
 */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale] });
}
