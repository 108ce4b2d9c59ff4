import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getConfig } from "@/lib/env";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { localeCookieName } from "@/lib/i18n/locales";

export default getRequestConfig(async () => {
  const locale = resolveLocale({
    cookieLocale: (await cookies()).get(localeCookieName)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
    defaultLocale: getConfig().defaultLocale,
  });
  return { locale, messages: (await import(`../messages/${locale}.json`)).default };
});
