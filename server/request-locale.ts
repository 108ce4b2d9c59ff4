import "server-only";
import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { localeCookieName } from "@/lib/i18n/locales";
import { resolveLocale } from "@/lib/i18n/resolve-locale";

/**
 * The language this request is shown in: the switcher's cookie, else Accept-Language, else
 * DEFAULT_LOCALE. Read without loading a catalogue, so a sign-in can store it for nothing.
 */
export async function requestLocale(): Promise<Locale> {
  return resolveLocale({
    cookieLocale: (await cookies()).get(localeCookieName)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
    defaultLocale: getConfig().defaultLocale,
  });
}
