import { NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { backupCodeRegenerationBudget } from "@/lib/security/rate-limit";
import { backupCodesFileName, formatBackupCodesFile } from "@/lib/two-factor/backup-codes";
import { regenerateBackupCodes } from "@/lib/two-factor/regenerate-backup-codes";
import { withMailAfterResponse } from "@/server/deliver-mail-after-response";
import { messagePageResponse } from "@/server/message-page-response";
import { confirmRecentAuthentication } from "@/server/recent-authentication";
import { getRequestContext } from "@/server/request-context";
import { isSameOriginRequest } from "@/server/same-origin";
import { unlessServerBusy } from "@/server/server-busy";
import { getActiveSession } from "@/server/session";

const settingsPath = "/settings/two-factor";

/** A refusal: JSON for the page's script, a redirect back to the settings for a plain form post. */
function refuse(request: Request, options: { error: string; status: number }) {
  if (request.headers.get("accept")?.includes("application/json")) {
    return NextResponse.json({ error: options.error }, { status: options.status, headers: { "Cache-Control": "no-store" } });
  }
  const back = new URL(settingsPath, request.url);
  back.searchParams.set("downloadError", options.status === 401 ? "password" : "failed");
  return NextResponse.redirect(back, 303);
}

/** A refusal that ends by itself (busy, too soon): 429/503 with Retry-After, as JSON or as a page. */
async function refuseForAWhile(request: Request, options: { status: 429 | 503; title: string; error: string; retryAfterSeconds: number }) {
  if (request.headers.get("accept")?.includes("application/json")) {
    return NextResponse.json(
      { error: options.error },
      { status: options.status, headers: { "Cache-Control": "no-store", "Retry-After": String(options.retryAfterSeconds) } },
    );
  }
  const t = await getTranslations("twoFactor");
  return messagePageResponse({ ...options, message: options.error, back: { href: settingsPath, label: t("backToSettings") } });
}

/**
 * "Download backup codes": a new set, returned once as a file. A plain form post downloads
 * it without JavaScript; with JavaScript the page also shows the codes (backup-codes-download.tsx).
 * Authorisation is checked here, not by the proxy; a route handler has no built-in CSRF check.
 */
export async function POST(request: Request) {
  if (!isSameOriginRequest(request)) return new NextResponse(null, { status: 403 });
  const session = await getActiveSession();
  if (!session) return NextResponse.redirect(new URL("/login", request.url), 303);
  const formData = await request.formData().catch(() => null);
  const recent = await confirmRecentAuthentication({ session, formData, askSecondFactor: true });
  if (!recent.ok && recent.busyRetryAfterSeconds) {
    const t = await getTranslations("common");
    return refuseForAWhile(request, { status: 503, title: t("serverBusyTitle"), error: recent.error, retryAfterSeconds: recent.busyRetryAfterSeconds });
  }
  if (!recent.ok) return refuse(request, { error: recent.error, status: 401 });
  const context = await getRequestContext();
  const regenerated = await unlessServerBusy(withMailAfterResponse(() => regenerateBackupCodes({ userId: session.user.id, context })));
  if (regenerated.busy) {
    const t = await getTranslations("common");
    return refuseForAWhile(request, { status: 503, title: t("serverBusyTitle"), error: regenerated.error, retryAfterSeconds: regenerated.retryAfterSeconds });
  }
  const result = regenerated.value;
  if (!result.ok && result.reason === "too_soon") {
    const t = await getTranslations("twoFactor");
    const error = t("regenerateTooSoon", { limit: backupCodeRegenerationBudget.limit, windowMinutes: backupCodeRegenerationBudget.windowSeconds / 60, seconds: result.retryAfterSeconds });
    return refuseForAWhile(request, { status: 429, title: t("download"), error, retryAfterSeconds: result.retryAfterSeconds });
  }
  if (!result.ok) return refuse(request, { error: "two-factor authentication is off", status: 409 });
  const file = formatBackupCodesFile({
    appName: getConfig().appName,
    accountEmail: session.user.email,
    codes: result.codes,
    createdAt: result.createdAt,
    // The language of the screen it is downloaded from: the file uses that screen's words.
    locale: (await getLocale()) as Locale,
  });
  return new NextResponse(file, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${backupCodesFileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
