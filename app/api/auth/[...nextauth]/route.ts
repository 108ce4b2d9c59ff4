import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { getActiveSession } from "@/server/session";

export const { POST } = handlers;

/**
 * next-auth's session API reads only the JWT, which outlives a logout or a "2FA off" elsewhere
 * (ADR 0002): GET /api/auth/session answers null unless the Session row it names is alive.
 */
export async function GET(request: NextRequest) {
  if (!request.nextUrl.pathname.endsWith("/api/auth/session")) return handlers.GET(request);
  if (!(await getActiveSession())) return Response.json(null, { headers: { "Cache-Control": "no-store" } });
  return handlers.GET(request);
}
