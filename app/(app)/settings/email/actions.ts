"use server";

import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { getConfig } from "@/lib/env";
import { accountChangeProofFields, accountChangeProofMessages } from "@/server/account-change-fields";
import { appOrigin } from "@/server/app-origin";
import { defineAction } from "@/server/define-action";
import { readDeviceCookies } from "@/server/sign-in-cookies";
import { emailField } from "@/server/form-fields";

/** The page the mailed link opens: public, since it may be opened signed out or on another device (ADR 0017). */
const confirmPath = "/email/confirm";

/** Like the password change, the proof is checked every time by the use case (no `recentAuthentication` flag). */
export const requestEmailChangeAction = defineAction({
  access: "session",
  schema: z.object({ email: emailField, ...accountChangeProofFields }),
  echoEmail: true,
  busyField: "currentPassword",
  messages: {
    ...accountChangeProofMessages,
    same_email: { key: "emailChange.sameEmail", field: "email" },
    email_taken: { key: "emailChange.emailTaken", field: "email" },
    too_many_links: "emailChange.tooManyLinks",
  },
  run: async ({ session, input, context }) => {
    const requested = await requestEmailChange({
      session,
      newEmail: input.email,
      currentPassword: input.currentPassword,
      code: input.reauthenticationCode,
      keyring: getConfig().totpKeyring,
      deviceCookies: await readDeviceCookies(),
      context,
      confirmUrl: `${await appOrigin()}${confirmPath}`,
    });
    return requested.ok ? { ok: true, redirectTo: "/settings/email?sent=1" } : requested;
  },
});
