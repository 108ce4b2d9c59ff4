import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { type ActiveSession, loadActiveSession } from "@/lib/auth/load-active-session";
import { ensureDatabaseReady } from "@/lib/db";

/** The signed-in session, checked against the database once per request (never trusts the JWT alone). */
export const getActiveSession = cache(async (): Promise<ActiveSession | null> => {
  await ensureDatabaseReady();
  const jwtSession = (await auth()) as { sessionId?: string } | null;
  if (!jwtSession?.sessionId) return null;
  return loadActiveSession({ sessionId: jwtSession.sessionId });
});

/** For pages and server actions of the signed-in app: anyone else goes to /login. */
export async function requireActiveSession(): Promise<ActiveSession> {
  const session = await getActiveSession();
  if (!session) redirect("/login");
  return session;
}
