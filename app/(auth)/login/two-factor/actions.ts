"use server";

import { z } from "zod";
import { backupCodeStep, type CodeStep, securityCodeStep } from "@/lib/auth/code-steps";
import { securityCodeDigits } from "@/lib/input/code-format";
import { defineAction } from "@/server/define-action";
import { codeField } from "@/server/form-fields";
import { consumePendingLoginCookie } from "@/server/sign-in-cookies";

/** The second step of a sign-in: needs the pending-login cookie, which the success spends. */
function codeStepAction(step: CodeStep) {
  return defineAction({
    access: "pending",
    // The security code step points a backup code typed into it to the backup-code page (issue 15).
    schema: z.object({ code: codeField(step.digits, step.digits === securityCodeDigits ? { backupCodePage: backupCodeStep.path } : {}) }),
    busyField: "code",
    messages: { invalid: { key: step.messages.invalid, field: "code" }, already_completed: "twoFactorStep.alreadyCompleted" },
    run: async ({ pending, input, context }) => {
      const result = await step.verify({ userId: pending.userId, code: input.code, context, passwordStepAt: pending.passwordStepAt });
      if (!result.ok) return result;
      if (!(await consumePendingLoginCookie(pending))) return { ok: false, reason: "already_completed" };
      return { ok: true, signIn: { userId: pending.userId, method: step.method } };
    },
  });
}

export const logInWithSecurityCode = codeStepAction(securityCodeStep);
export const logInWithBackupCode = codeStepAction(backupCodeStep);
