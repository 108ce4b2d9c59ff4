import { NextResponse } from "next/server";
import { getConfig } from "@/lib/env";
import { backupCodesFileName, formatBackupCodesFile } from "@/lib/two-factor/backup-codes";
import { regenerateBackupCodes } from "@/lib/two-factor/regenerate-backup-codes";
import { confirmRecentAuthentication } from "@/server/recent-authentication";
import { getRequestContext } from "@/server/request-context";
import { isSameOriginRequest } from "@/server/same-origin";
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
  if (!recent.ok) return refuse(request, { error: recent.error, status: 401 });
  const result = await regenerateBackupCodes({ userId: session.user.id, context: await getRequestContext() });
  if (!result.ok) return refuse(request, { error: "two-factor authentication is off", status: 409 });
  const file = formatBackupCodesFile({
    appName: getConfig().appName,
    accountEmail: session.user.email,
    codes: result.codes,
    createdAt: result.createdAt,
  });
  return new NextResponse(file, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${backupCodesFileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
