import { NextResponse } from "next/server";
import { getConfig } from "@/lib/env";
import { backupCodesFileName, formatBackupCodesFile } from "@/lib/two-factor/backup-codes";
import { regenerateBackupCodes } from "@/lib/two-factor/regenerate-backup-codes";
import { getRequestContext } from "@/server/request-context";
import { isSameOriginRequest } from "@/server/same-origin";
import { getActiveSession } from "@/server/session";

/**
 * "Download backup codes": a new set, returned once as a file. A plain form post downloads
 * it without JavaScript; with JavaScript the page also shows the codes (backup-codes-download.tsx).
 */
export async function POST(request: Request) {
  if (!isSameOriginRequest(request)) return new NextResponse(null, { status: 403 });
  const session = await getActiveSession();
  if (!session) return NextResponse.redirect(new URL("/login", request.url), 303);
  const result = await regenerateBackupCodes({ userId: session.user.id, context: await getRequestContext() });
  if (!result.ok) return NextResponse.redirect(new URL("/settings/two-factor", request.url), 303);
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
