"use server";

import { z } from "zod";
import { signUp } from "@/lib/accounts/sign-up";
import { getConfig } from "@/lib/env";
import { defineAction } from "@/server/define-action";
import { checkNewPassword } from "@/lib/input/password-rules";
import { emailField, newPasswordInputField, passwordRuleFailure, passwordRuleMessages } from "@/server/form-fields";

export const createAccountAction = defineAction({
  access: "anonymous",
  // Checked here too, not only on the page: the action is reachable by a direct POST.
  available: () => (getConfig().allowSignup ? null : { ok: false, reason: "closed" }),
  schema: z.object({ email: emailField, password: newPasswordInputField }),
  echoEmail: true,
  messages: {
    closed: "signup.closed",
    rate_limited: "signup.tooManySignUps",
    email_taken: { key: "signup.emailTaken", field: "email" },
    ...passwordRuleMessages,
  },
  run: async ({ input, context }) => {
    // A new account has no second factor yet: the rules of a password used alone (issue 16 §4).
    const password = checkNewPassword(input.password, { email: input.email, appName: getConfig().appName });
    if (!password.ok) return passwordRuleFailure(password);
    const created = await signUp({ ...input, password: password.password, context });
    return created.ok ? { ok: true, signIn: { userId: created.userId, method: "password" } } : created;
  },
});
