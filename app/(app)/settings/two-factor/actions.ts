"use server";

import { z } from "zod";
import { securityCodeDigits } from "@/lib/input/code-format";
import { getConfig } from "@/lib/env";
import { disableTwoFactor } from "@/lib/two-factor/disable-two-factor";
import { enableTwoFactor } from "@/lib/two-factor/enable-two-factor";
import { pendingSetupTtlSeconds } from "@/lib/two-factor/pending-setup";
import { defineAction } from "@/server/define-action";
import { codeField } from "@/server/form-fields";

// The signed-in layout (the two-factor policy banner) is kept across navigations: both redraw it.

export const enableTwoFactorAction = defineAction({
  access: "setup",
  recentAuthentication: true,
  schema: z.object({ code: codeField(securityCodeDigits) }),
  messages: {
    invalid_code: { key: "setup.invalidCode", field: "code" },
    not_pending: { key: "setup.notPending", field: "code" },
    setup_expired: { key: "setup.setupExpired", field: "code", values: { minutes: pendingSetupTtlSeconds / 60 } },
  },
  run: async ({ session, input, context }) => {
    const result = await enableTwoFactor({ userId: session.user.id, sessionId: session.sessionId, code: input.code, keyring: getConfig().totpKeyring, context });
    if (!result.ok) return result;
    // Added beside passkeys (/settings/two-factor/authenticator-app), or turned on.
    return { ok: true, redirectTo: result.turnedOn ? "/settings/two-factor?enabled=1" : "/settings/two-factor?app=added", refreshLayout: true };
  },
});

export const disableTwoFactorAction = defineAction({
  access: "setup",
  recentAuthentication: "with-second-factor",
  run: async ({ session, context }) => {
    await disableTwoFactor({ userId: session.user.id, sessionId: session.sessionId, context });
    return { ok: true, redirectTo: "/settings/two-factor?disabled=1", refreshLayout: true };
  },
});
