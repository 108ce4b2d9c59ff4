import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getConfig } from "@/lib/env";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { localeCookieName } from "@/lib/i18n/locales";

// The zone next-intl would otherwise read per request (a new Intl.DateTimeFormat each time,
// about half a millisecond: npm run bench); the server's zone does not change while it runs.
const serverTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export default getRequestConfig(async () => {
  const locale = resolveLocale({
    cookieLocale: (await cookies()).get(localeCookieName)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
    defaultLocale: getConfig().defaultLocale,
  });
  return { locale, timeZone: serverTimeZone, messages: (await import(`../messages/${locale}.json`)).default };
});
