"use server";

import { z } from "zod";
import { signUp } from "@/lib/accounts/sign-up";
import { getConfig } from "@/lib/env";
import { defineAction } from "@/server/define-action";
import { emailField, newPasswordField } from "@/server/form-fields";

export const createAccountAction = defineAction({
  access: "anonymous",
  // Checked here too, not only on the page: the action is reachable by a direct POST.
  available: () => (getConfig().allowSignup ? null : { ok: false, reason: "closed" }),
  schema: z.object({ email: emailField, password: newPasswordField }),
  echoEmail: true,
  messages: {
    closed: "signup.closed",
    rate_limited: "signup.tooManySignUps",
    email_taken: { key: "signup.emailTaken", field: "email" },
  },
  run: async ({ input, context }) => {
    const created = await signUp({ ...input, context });
    return created.ok ? { ok: true, signIn: { userId: created.userId, method: "password" } } : created;
  },
});
