"use server";

import { z } from "zod";
import { changePassword } from "@/lib/accounts/change-password";
import { getConfig } from "@/lib/env";
import { checkNewPassword } from "@/lib/input/password-rules";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { accountChangeProofFields, accountChangeProofMessages } from "@/server/account-change-fields";
import { defineAction } from "@/server/define-action";
import { readDeviceCookies } from "@/server/sign-in-cookies";
import { newPasswordInputField, passwordRuleFailure, passwordRuleMessages } from "@/server/form-fields";

/**
 * No `recentAuthentication` flag: this form asks for the current password every time (and a code
 * after the window), checked once by changePassword — the flag would hash it a second time.
 */
export const changePasswordAction = defineAction({
  access: "session",
  schema: z.object({ ...accountChangeProofFields, newPassword: newPasswordInputField }),
  busyField: "currentPassword",
  messages: {
    ...accountChangeProofMessages,
    same_password: { key: "passwordChange.samePassword", field: "newPassword" },
    too_many_changes: "passwordChange.tooManyChanges",
    // The rules' messages belong beside "New password" here.
    ...Object.fromEntries(Object.entries(passwordRuleMessages).map(([reason, message]) => [reason, { ...message, field: "newPassword" }])),
  },
  run: async ({ session, input, context }) => {
    // The account's rules (ADR 0018): 8 characters with a second factor, 15 without; not built from the address.
    const { enabled } = await getTwoFactorStatus({ userId: session.user.id });
    const newPassword = checkNewPassword(input.newPassword, { secondFactor: enabled, email: session.user.email, appName: getConfig().appName });
    if (!newPassword.ok) return passwordRuleFailure(newPassword);
    const changed = await changePassword({
      session,
      currentPassword: input.currentPassword,
      newPassword: newPassword.password,
      code: input.reauthenticationCode,
      keyring: getConfig().totpKeyring,
      deviceCookies: await readDeviceCookies(),
      context,
    });
    return changed.ok ? { ok: true, redirectTo: "/settings?passwordChanged=1" } : changed;
  },
});
