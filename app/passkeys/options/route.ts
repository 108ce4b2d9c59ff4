import { NextResponse } from "next/server";
import { ensureDatabaseReady } from "@/lib/db";
import { startPasskeyAuthentication } from "@/lib/passkeys/authenticate-passkey";
import { startPasskeyRegistration } from "@/lib/passkeys/register-passkey";
import { relyingParty, setChallengeCookie } from "@/server/passkeys";
import { isSameOriginRequest } from "@/server/same-origin";
import { getActiveSession } from "@/server/session";
import { readPendingLoginCookie } from "@/server/sign-in-cookies";

const noStore = { "Cache-Control": "no-store" };

function refused(status: number, error: string) {
  return NextResponse.json({ error }, { status, headers: noStore });
}

/**
 * POST { purpose }: the options for one passkey dialog, its challenge kept server-side and named
 * by an HttpOnly cookie. Who may ask is checked here, per purpose: adding a passkey needs a
 * session, the second step the pending-login cookie, a passwordless sign-in nothing. The action
 * that finishes the ceremony checks the same again and spends the challenge.
 */
export async function POST(request: Request) {
  if (!isSameOriginRequest(request)) return refused(403, "cross_origin");
  const body = (await request.json().catch(() => null)) as { purpose?: unknown } | null;
  await ensureDatabaseReady();
  const rp = await relyingParty();
  switch (body?.purpose) {
    case "register": {
      const session = await getActiveSession();
      if (!session) return refused(401, "no_session");
      const started = await startPasskeyRegistration({ userId: session.user.id, sessionId: session.sessionId, relyingParty: rp });
      if (!started.ok) return refused(409, started.reason);
      await setChallengeCookie(started.token);
      return NextResponse.json(started.options, { headers: noStore });
    }
    case "second_factor": {
      const pending = await readPendingLoginCookie();
      if (!pending) return refused(401, "no_pending_login");
      const started = await startPasskeyAuthentication({ purpose: "second_factor", relyingParty: rp, pending });
      await setChallengeCookie(started.token);
      return NextResponse.json(started.options, { headers: noStore });
    }
    case "sign_in": {
      const started = await startPasskeyAuthentication({ purpose: "sign_in", relyingParty: rp });
      await setChallengeCookie(started.token);
      return NextResponse.json(started.options, { headers: noStore });
    }
    default:
      return refused(400, "unknown_purpose");
  }
}
