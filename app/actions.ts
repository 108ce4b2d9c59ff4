"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { endSession } from "@/lib/auth/end-session";
import { localeCookieName, supportedLocales, type Locale } from "@/lib/i18n/locales";
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
  redirect(await samePageOrHome());
}

/** Back to the page the switcher was on, read from Referer; only a path of this site (no open redirect). */
async function samePageOrHome(): Promise<string> {
  const requestHeaders = await headers();
  try {
    const referer = new URL(requestHeaders.get("referer") ?? "");
    if (referer.host === requestHeaders.get("host")) return referer.pathname + referer.search;
  } catch {
    // No or malformed Referer: go home.
  }
  return "/";
}

export async function logOut() {
  const session = await getActiveSession();
  if (session) {
    await endSession({ sessionId: session.sessionId, userId: session.user.id, context: await getRequestContext() });
  }
  await signOut({ redirectTo: "/login?signedOut=1" });
}
