import "server-only";
import { notFound } from "next/navigation";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { requireActiveSession } from "@/server/session";

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
