"use server";

import { z } from "zod";
import { finishPasskeySecondStep, finishPasskeySignIn } from "@/lib/passkeys/authenticate-passkey";
import { defineAction } from "@/server/define-action";
import { readChallengeCookie, relyingParty, webAuthnResponseField } from "@/server/passkeys";
import { consumePendingLoginCookie } from "@/server/sign-in-cookies";

const schema = z.object({ response: webAuthnResponseField });

/** "Sign in with a passkey": a passkey with user verification is both factors, straight to the session. */
export const signInWithPasskeyAction = defineAction({
  access: "anonymous",
  schema,
  messages: { expired: "passkeys.expired", invalid: "passkeys.signInFailed" },
  run: async ({ input, context }) => {
    const result = await finishPasskeySignIn({ token: await readChallengeCookie(), response: input.response, relyingParty: await relyingParty(), context });
    return result.ok ? { ok: true, signIn: { userId: result.userId, method: "passkey" } } : result;
  },
});

/** "Use a passkey" on the second step: one of the pending account's own passkeys. */
export const logInWithPasskeyAction = defineAction({
  access: "pending",
  schema,
  messages: { expired: "passkeys.expired", invalid: "passkeys.invalid", already_completed: "twoFactorStep.alreadyCompleted" },
  run: async ({ pending, input, context }) => {
    const result = await finishPasskeySecondStep({ pending, token: await readChallengeCookie(), response: input.response, relyingParty: await relyingParty(), context });
    if (!result.ok) return result;
    if (!(await consumePendingLoginCookie(pending))) return { ok: false, reason: "already_completed" };
    return { ok: true, signIn: { userId: pending.userId, method: "passkey" } };
  },
});
