"use server";

import { z } from "zod";
import { backupCodeStep, type CodeStep, securityCodeStep } from "@/lib/auth/code-steps";
import { defineAction } from "@/server/define-action";
import { codeField } from "@/server/form-fields";
import { consumePendingLoginCookie } from "@/server/pending-login-cookie";

/** The second step of a sign-in: needs the pending-login cookie, which the success spends. */
function codeStepAction(step: CodeStep) {
  return defineAction({
    access: "pending",
    schema: z.object({ code: codeField(step.digits) }),
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
