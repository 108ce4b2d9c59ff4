"use server";

import { endOtherSessions } from "@/lib/auth/end-other-sessions";
import { defineFormAction } from "@/server/define-action";

export const endOtherSessionsAction = defineFormAction({
  access: "session",
  run: async ({ session, context }) => {
    await endOtherSessions({ userId: session.user.id, sessionId: session.sessionId, context });
    return { ok: true, redirectTo: "/settings?sessionsEnded=1" };
  },
});
