"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { signOut } from "@/auth";
import { rememberUserLocale } from "@/lib/accounts/remember-user-locale";
import { endSession } from "@/lib/auth/end-session";
import { localeCookieName, supportedLocales } from "@/lib/i18n/locales";
import { sameSiteReturnPath } from "@/lib/i18n/same-site-return-path";
import { defineFormAction } from "./define-action";
import { isHttpsRequest } from "./https-request";
import { getActiveSession } from "./session";

const localeCookieMaxAgeSeconds = 365 * 24 * 60 * 60;

// The two forms of the site header, on every page.

export const switchLanguage = defineFormAction({
  access: "anonymous",
  // A crafted request may post anything instead of a form: only a real field counts.
  schema: z.object({ locale: z.enum(supportedLocales).optional().catch(undefined) }),
  run: async ({ input }) => {
    if (input.locale) {
      (await cookies()).set(localeCookieName, input.locale, {
        maxAge: localeCookieMaxAgeSeconds,
        sameSite: "lax",
        httpOnly: true,
        secure: await isHttpsRequest(),
        path: "/",
      });
      // Signed in, the choice is also the language of the user's mails (issue 15).
      const session = await getActiveSession();
      if (session) await rememberUserLocale({ userId: session.user.id, locale: input.locale });
    }
    const requestHeaders = await headers();
    return { ok: true, redirectTo: sameSiteReturnPath({ referer: requestHeaders.get("referer"), host: requestHeaders.get("host") }) };
  },
});

/** Anyone may log out: a session that is already gone only has its cookie removed. */
export const logOut = defineFormAction({
  access: "anonymous",
  run: async ({ context }) => {
    const session = await getActiveSession();
    if (session) await endSession({ sessionId: session.sessionId, context });
    await signOut({ redirectTo: "/login?signedOut=1" });
    return { ok: true, redirectTo: "/login?signedOut=1" };
  },
});
