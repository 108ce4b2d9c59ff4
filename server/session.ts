import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import * as twoFactorPolicy from "@/lib/admin/two-factor-policy";
import { type ActiveSession, loadActiveSession } from "@/lib/auth/load-active-session";
import { ensureDatabaseReady } from "@/lib/db";

/** The signed-in session, checked against the database once per request (never trusts the JWT alone). */
export const getActiveSession = cache(async (): Promise<ActiveSession | null> => {
  await ensureDatabaseReady();
  const jwtSession = await auth();
  if (!jwtSession?.sessionId) return null;
  return loadActiveSession({ sessionId: jwtSession.sessionId });
});

export const twoFactorSetupPath = "/settings/two-factor";

/** What the admin's "Require two-factor authentication" policy says of this user, once per request. */
export const getTwoFactorPolicyStatus = cache((userId: string) => twoFactorPolicy.getTwoFactorPolicyStatus({ userId }));

/**
 * For pages and server actions of the signed-in app: anyone else goes to /login, and a user
 * the two-factor policy blocks (no 2FA after the grace period) goes to the setup screen.
 */
export async function requireActiveSession(): Promise<ActiveSession> {
  const session = await requireActiveSessionAllowingSetup();
  const { state } = await getTwoFactorPolicyStatus(session.user.id);
  if (state === "setup_required" || state === "passkey_required") redirect(twoFactorSetupPath);
  return session;
}

/** Also lets in a user the two-factor policy blocks: only for the two-factor settings page and its actions. */
export async function requireActiveSessionAllowingSetup(): Promise<ActiveSession> {
  const session = await getActiveSession();
  if (!session) redirect("/login");
  return session;
}

/**
 * First line of every admin page and action: signed in (else /login), not blocked by the
 * two-factor policy (else setup), and an admin — anyone else gets "Page not found", as if the
 * admin pages did not exist. The use cases in lib/admin check the role again in the database.
 */
export async function requireAdmin(): Promise<ActiveSession> {
  const session = await requireActiveSession();
  if (session.user.role !== "ADMIN") notFound();
  return session;
}
