"use server";

import { redirect } from "next/navigation";
import { endOtherSessions } from "@/lib/auth/end-other-sessions";
import { getRequestContext } from "@/server/request-context";
import { requireActiveSession } from "@/server/session";

export async function endOtherSessionsAction() {
  const session = await requireActiveSession();
  await endOtherSessions({ userId: session.user.id, sessionId: session.sessionId, context: await getRequestContext() });
  redirect("/settings?sessionsEnded=1");
}
