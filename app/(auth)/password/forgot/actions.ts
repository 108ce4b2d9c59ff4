"use server";

import { after } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/env";
import { deliverDueMail } from "@/lib/notifications/deliver-due-mail";
import { issuePasswordResetLink, spendPasswordResetBudgets } from "@/lib/password-reset/request-password-reset";
import { defineAction } from "@/server/define-action";
import { emailField } from "@/server/form-fields";
import { passwordResetLinkOrigin } from "@/server/password-reset";

/**
 * "Send reset link": the answer is the same page whether or not an account has the address, and
 * it is given before the account is even looked up — the link is made and mailed after the
 * response, so the answer's time tells nothing either (ADR 0018).
 */
export const sendResetLinkAction = defineAction({
  access: "anonymous",
  schema: z.object({ email: emailField }),
  echoEmail: true,
  messages: { rate_limited: "passwordForgot.tooMany" },
  run: async ({ input, context }) => {
    const spent = await spendPasswordResetBudgets({ email: input.email, context });
    if (!spent.ok) return spent;
    const linkOrigin = await passwordResetLinkOrigin();
    after(async () => {
      try {
        const { issued } = await issuePasswordResetLink({ email: input.email, linkOrigin, keyring: getConfig().totpKeyring, context });
        if (issued) await deliverDueMail({ force: true });
      } catch (error) {
        console.error(`[password-reset] could not issue a reset link: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return { ok: true, redirectTo: "/password/forgot?sent=1" };
  },
});
