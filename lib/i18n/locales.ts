export const supportedLocales = ["ja", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
/** The cookie the language switcher writes (next-intl's own name). */
export const localeCookieName = "NEXT_LOCALE";

export function isSupportedLocale(value: unknown): value is Locale {
  return (supportedLocales as readonly unknown[]).includes(value);
}
