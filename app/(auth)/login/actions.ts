"use server";

import { z } from "zod";
import { verifyPasswordStep } from "@/lib/auth/password-step";
import { defineAction } from "@/server/define-action";
import { readDeviceCookies } from "@/server/sign-in-cookies";
import { currentPasswordField, emailField } from "@/server/form-fields";
import { setPendingLoginCookie } from "@/server/sign-in-cookies";

export const logInAction = defineAction({
  access: "anonymous",
  schema: z.object({ email: emailField, password: currentPasswordField }),
  echoEmail: true,
  messages: { invalid: "login.invalidCredentials" },
  run: async ({ input, context }) => {
    const result = await verifyPasswordStep({ ...input, context, deviceCookies: await readDeviceCookies() });
    if (!result.ok) return result;
    if (result.twoFactorRequired) {
      await setPendingLoginCookie({ userId: result.userId });
      return { ok: true, redirectTo: "/login/two-factor" };
    }
    return { ok: true, signIn: { userId: result.userId, method: "password" } };
  },
});
