"use server";

import { z } from "zod";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { defineAction } from "@/server/define-action";

/**
 * Anyone holding the link may confirm: the token names the account, never the browser's
 * session (ADR 0017). A button, not the link's GET, spends it, so a mail scanner that
 * fetches links cannot.
 */
export const confirmEmailChangeAction = defineAction({
  access: "anonymous",
  schema: z.object({ token: z.unknown() }),
  messages: {
    invalid_link: "emailConfirm.invalidLink",
    email_taken: "emailConfirm.emailTaken",
  },
  run: async ({ input, context }) => {
    const confirmed = await confirmEmailChange({ token: input.token, context });
    return confirmed.ok ? { ok: true, redirectTo: "/email/confirm?done=1", refreshLayout: true } : confirmed;
  },
});
