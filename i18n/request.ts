import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/server/request-locale";

// The zone next-intl would otherwise read per request (a new Intl.DateTimeFormat each time,
// about half a millisecond: npm run bench); the server's zone does not change while it runs.
const serverTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, timeZone: serverTimeZone, messages: (await import(`../messages/${locale}.json`)).default };
});
