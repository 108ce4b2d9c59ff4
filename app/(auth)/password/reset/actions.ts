"use server";

import { z } from "zod";
import { backupCodeStep, type CodeStep, securityCodeStep } from "@/lib/auth/code-steps";
import { getConfig } from "@/lib/env";
import { checkNewPassword } from "@/lib/input/password-rules";
import { findPasswordReset } from "@/lib/password-reset/find-password-reset";
import { resetPassword } from "@/lib/password-reset/reset-password";
import { defineAction } from "@/server/define-action";
import { codeField, newPasswordInputField, passwordRuleFailure, passwordRuleMessages } from "@/server/form-fields";
import { resetPagePath } from "./reset-page-path";
import { clearSecondFactorProofCookie, hasSecondFactorProof, setSecondFactorProofCookie } from "@/server/password-reset";

/** The token from the link, carried by the forms; anything else is a link that does not work. */
const tokenField = z.unknown().transform((value) => (typeof value === "string" ? value.slice(0, 100) : ""));

/**
 * With two-factor authentication on, a reset link first asks for a current code (or a backup
 * code, then spent), checked by the sign-in's own step and its limit: a stolen mailbox alone
 * never changes a password (ASVS 6.4.3). Passing it marks this browser for this link.
 */
function resetCodeAction(step: CodeStep) {
  return defineAction({
    access: "anonymous",
    schema: z.object({ token: tokenField, code: codeField(step.digits) }),
    busyField: "code",
    messages: { invalid: { key: "passwordReset.invalidCode", field: "code" }, link_invalid: "passwordReset.invalidLink" },
    run: async ({ input, context }) => {
      const found = await findPasswordReset({ token: input.token });
      if (!found.ok) return { ok: false, reason: "link_invalid" };
      if (found.reset.twoFactorEnabled) {
        const checked = await step.verify({ userId: found.reset.userId, code: input.code, context });
        if (!checked.ok) return checked;
        await setSecondFactorProofCookie(found.reset.tokenHash);
      }
      return { ok: true, redirectTo: resetPagePath(input.token) };
    },
  });
}

export const resetWithSecurityCode = resetCodeAction(securityCodeStep);
export const resetWithBackupCode = resetCodeAction(backupCodeStep);

export const setNewPasswordAction = defineAction({
  access: "anonymous",
  schema: z.object({ token: tokenField, password: newPasswordInputField }),
  busyField: "password",
  messages: { invalid: "passwordReset.invalidLink", second_factor_required: "passwordReset.codeNeeded", ...passwordRuleMessages },
  run: async ({ input, context }) => {
    const found = await findPasswordReset({ token: input.token });
    if (!found.ok) return found;
    const { reset } = found;
    const password = checkNewPassword(input.password, { secondFactor: reset.twoFactorEnabled, email: reset.email, appName: getConfig().appName });
    if (!password.ok) return passwordRuleFailure(password);
    const secondFactorPassed = await hasSecondFactorProof(reset.tokenHash);
    const result = await resetPassword({ token: input.token, password: password.password, secondFactorPassed, context });
    if (!result.ok) return result;
    await clearSecondFactorProofCookie();
    return { ok: true, redirectTo: "/login?passwordReset=1" };
  },
});
