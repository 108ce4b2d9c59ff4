"use server";

import { z } from "zod";
import { finishPasskeyRegistration, maxPasskeysPerAccount } from "@/lib/passkeys/register-passkey";
import { removePasskey, renamePasskey } from "@/lib/passkeys/manage-passkeys";
import { passkeyNameMaxLength } from "@/lib/passkeys/passkey-name";
import { defineAction } from "@/server/define-action";
import { catalogueMessage, notFoundMessage } from "@/server/form-fields";
import { readChallengeCookie, relyingParty, webAuthnResponseField } from "@/server/passkeys";

const passkeyIdField = z.string().uuid(notFoundMessage);

/** "Add a passkey": the browser made it (components/passkeys/passkey-ceremony-form.tsx); this stores it. */
export const addPasskeyAction = defineAction({
  access: "setup",
  recentAuthentication: true,
  schema: z.object({ response: webAuthnResponseField }),
  messages: {
    expired: "passkeys.expired",
    invalid: "passkeys.invalid",
    already_added: "passkeys.alreadyAdded",
    too_many: { key: "passkeys.tooMany", values: { count: maxPasskeysPerAccount } },
  },
  run: async ({ session, input, context }) => {
    const result = await finishPasskeyRegistration({
      userId: session.user.id,
      sessionId: session.sessionId,
      token: await readChallengeCookie(),
      response: input.response,
      relyingParty: await relyingParty(),
      context,
    });
    return result.ok ? { ok: true, redirectTo: "/settings/two-factor?passkey=added", refreshLayout: result.turnedTwoFactorOn } : result;
  },
});

export const renamePasskeyAction = defineAction({
  access: "setup",
  schema: z.object({
    passkeyId: passkeyIdField,
    name: z.string(catalogueMessage("passkeys.nameEmpty")).trim().min(1, catalogueMessage("passkeys.nameEmpty")).max(passkeyNameMaxLength * 4).transform((name) => name.slice(0, passkeyNameMaxLength)),
  }),
  run: async ({ session, input }) => {
    const result = await renamePasskey({ userId: session.user.id, passkeyId: input.passkeyId, name: input.name });
    return result.ok ? { ok: true, redirectTo: "/settings/two-factor?passkey=renamed" } : result;
  },
});

/** "Remove": the last second factor goes like "Disable", so it asks what "Disable" asks (ADR 0013). */
export const removePasskeyAction = defineAction({
  access: "setup",
  recentAuthentication: "with-second-factor",
  schema: z.object({ passkeyId: passkeyIdField }),
  run: async ({ session, input, context }) => {
    const result = await removePasskey({ userId: session.user.id, passkeyId: input.passkeyId, sessionId: session.sessionId, context });
    if (!result.ok) return result;
    return result.turnedTwoFactorOff
      ? { ok: true, redirectTo: "/settings/two-factor?disabled=1", refreshLayout: true }
      : { ok: true, redirectTo: "/settings/two-factor?passkey=removed" };
  },
});
