"use server";

import { z } from "zod";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { resetReasonMaxLength, resetUserTwoFactor } from "@/lib/admin/reset-user-two-factor";
import { sendPasswordReset } from "@/lib/admin/send-password-reset";
import { unlockUser } from "@/lib/admin/unlock-user";
import { getConfig } from "@/lib/env";
import { type ActionSuccess, defineAction } from "@/server/define-action";
import { catalogueMessage, notFoundMessage } from "@/server/form-fields";
import { passwordResetLinkOrigin } from "@/server/password-reset";

const userId = z.uuid({ error: notFoundMessage });
const userGone = "admin.user.userGone";
const reasonRequired = { error: catalogueMessage("admin.user.reasonRequired", { max: resetReasonMaxLength }) };

/**
 * The user's page with a notice of what was just done (a plain form post lands here too). The
 * kept layout shows the main menu (Administration only for admins): an admin who removed their
 * own role must not keep the link.
 */
function backToUser(targetUserId: string, done: string): ActionSuccess {
  return { ok: true, redirectTo: `/admin/users/${targetUserId}?done=${done}`, refreshLayout: true };
}

export const changeRoleAction = defineAction({
  access: "admin",
  recentAuthentication: true,
  schema: z.object({ userId, role: z.enum(["USER", "ADMIN"], { error: notFoundMessage }) }),
  messages: { last_admin: "admin.user.lastAdmin", not_found: userGone },
  run: async ({ session, input, context }) => {
    const result = await changeUserRole({ actorId: session.user.id, targetUserId: input.userId, role: input.role, context });
    return result.ok ? backToUser(input.userId, input.role === "ADMIN" ? "role_granted" : "role_revoked") : result;
  },
});

export const resetTwoFactorAction = defineAction({
  access: "admin",
  recentAuthentication: true,
  schema: z.object({
    userId,
    reason: z.string(reasonRequired).trim().min(1, reasonRequired).max(resetReasonMaxLength, reasonRequired),
  }),
  messages: { not_found: userGone, self: "admin.user.resetSelf", not_enabled: "admin.user.resetNotEnabled" },
  run: async ({ session, input, context }) => {
    const result = await resetUserTwoFactor({ actorId: session.user.id, targetUserId: input.userId, reason: input.reason, context });
    return result.ok ? backToUser(input.userId, "two_factor_reset") : result;
  },
});

export const unlockAction = defineAction({
  access: "admin",
  recentAuthentication: true,
  schema: z.object({ userId }),
  messages: { not_locked: "admin.user.notLocked", not_found: userGone },
  run: async ({ session, input, context }) => {
    const result = await unlockUser({ actorId: session.user.id, targetUserId: input.userId, context });
    return result.ok ? backToUser(input.userId, "account_unlocked") : result;
  },
});

export const sendPasswordResetAction = defineAction({
  access: "admin",
  recentAuthentication: true,
  schema: z.object({
    userId,
    reason: z.string(reasonRequired).trim().min(1, reasonRequired).max(resetReasonMaxLength, reasonRequired),
  }),
  messages: { not_found: userGone, self: "admin.user.passwordResetSelf" },
  run: async ({ session, input, context }) => {
    const result = await sendPasswordReset({
      actorId: session.user.id,
      targetUserId: input.userId,
      reason: input.reason,
      linkOrigin: await passwordResetLinkOrigin(),
      keyring: getConfig().totpKeyring,
      context,
    });
    return result.ok ? backToUser(input.userId, "password_reset_sent") : result;
  },
});
