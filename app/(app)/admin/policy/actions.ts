"use server";

import { z } from "zod";
import { setTwoFactorPolicy } from "@/lib/admin/set-two-factor-policy";
import { maxGraceDays, twoFactorRequirements } from "@/lib/admin/two-factor-policy";
import { defineAction } from "@/server/define-action";
import { catalogueMessage } from "@/server/form-fields";

const graceDaysInvalid = { error: catalogueMessage("admin.policy.graceDaysInvalid", { max: maxGraceDays }) };

const twoFactorPolicySchema = z.object({
  requirement: z.enum(twoFactorRequirements, { error: catalogueMessage("admin.policy.requirementInvalid") }),
  // A whole number of days typed into the field; an empty field is an error, never 0.
  graceDays: z
    .string(graceDaysInvalid)
    .trim()
    .regex(/^\d{1,4}$/, graceDaysInvalid)
    .transform(Number)
    .pipe(z.number().max(maxGraceDays, graceDaysInvalid)),
  // A checkbox: "on" when ticked, absent when not.
  adminsPasskeysOnly: z.unknown().transform((value) => value === "on"),
});

export const setTwoFactorPolicyAction = defineAction({
  access: "admin",
  recentAuthentication: true,
  schema: twoFactorPolicySchema,
  messages: { actor_without_two_factor: "admin.policy.ownTwoFactorFirst", actor_without_passkey: "admin.policy.ownPasskeyFirst" },
  run: async ({ session, input, context }) => {
    const result = await setTwoFactorPolicy({ actorId: session.user.id, ...input, context });
    // Every signed-in page's banner (in the kept layout) may change for this admin too.
    return result.ok ? { ok: true, redirectTo: "/admin/policy?saved=1", refreshLayout: true } : result;
  },
});
