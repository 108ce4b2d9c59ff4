"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { endSession } from "@/lib/auth/end-session";
import { localeCookieName, supportedLocales, type Locale } from "@/lib/i18n/locales";
import { sameSiteReturnPath } from "@/lib/i18n/same-site-return-path";
import { readFormField } from "@/server/form-input";
import { isHttpsRequest } from "@/server/https-request";
import { getRequestContext } from "@/server/request-context";
import { getActiveSession } from "@/server/session";

const localeCookieMaxAgeSeconds = 365 * 24 * 60 * 60;

export async function switchLanguage(formData: FormData) {
  // A crafted request may post anything instead of a form: only a real field counts.
  const locale = readFormField(formData, "locale");
  if (supportedLocales.includes(locale as Locale)) {
    (await cookies()).set(localeCookieName, locale as Locale, {
      maxAge: localeCookieMaxAgeSeconds,
      sameSite: "lax",
      httpOnly: true,
      secure: await isHttpsRequest(),
      path: "/",
    });
  }
  const requestHeaders = await headers();
  redirect(sameSiteReturnPath({ referer: requestHeaders.get("referer"), host: requestHeaders.get("host") }));
}

export async function logOut() {
  const session = await getActiveSession();
  if (session) {
    await endSession({ sessionId: session.sessionId, context: await getRequestContext() });
  }
  await signOut({ redirectTo: "/login?signedOut=1" });
}
