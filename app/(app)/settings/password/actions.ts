"use server";

import { z } from "zod";
import { changePassword } from "@/lib/accounts/change-password";
import { getConfig } from "@/lib/env";
import { accountChangeProofFields, accountChangeProofMessages } from "@/server/account-change-fields";
import { defineAction } from "@/server/define-action";
import { readDeviceCookies } from "@/server/sign-in-cookies";
import { newPasswordField } from "@/server/form-fields";

/**
 * No `recentAuthentication` flag: this form asks for the current password every time (and a code
 * after the window), checked once by changePassword — the flag would hash it a second time.
 */
export const changePasswordAction = defineAction({
  access: "session",
  schema: z.object({ ...accountChangeProofFields, newPassword: newPasswordField }),
  busyField: "currentPassword",
  messages: {
    ...accountChangeProofMessages,
    same_password: { key: "passwordChange.samePassword", field: "newPassword" },
    too_many_changes: "passwordChange.tooManyChanges",
  },
  run: async ({ session, input, context }) => {
    const changed = await changePassword({
      session,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      code: input.reauthenticationCode,
      keyring: getConfig().totpKeyring,
      deviceCookies: await readDeviceCookies(),
      context,
    });
    return changed.ok ? { ok: true, redirectTo: "/settings?passwordChanged=1" } : changed;
  },
});
