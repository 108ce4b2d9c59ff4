import "server-only";
import { z } from "zod";
import { backupCodeDigits, securityCodeDigits } from "@/lib/input/code-format";
import { normalizeCode } from "@/lib/input/code-format";
import { reauthenticationWindowSeconds } from "@/lib/auth/session-lifetime";
import { currentPasswordField } from "./form-fields";
import { reauthenticationCodeFieldName } from "./reauthentication-field";

/**
 * The proof fields of the password and address changes (ADR 0017): the current password, always,
 * and the code the page asks for once the sign-in is older than the window — a 6-digit security
 * code or an 8-digit backup code, null when absent or not a code (then "enter a code" is the answer).
 */
export const accountChangeProofFields = {
  currentPassword: currentPasswordField,
  [reauthenticationCodeFieldName]: z.unknown().transform((value) => {
    for (const digits of [securityCodeDigits, backupCodeDigits] as const) {
      const code = normalizeCode({ input: value, digits });
      if (code.ok) return code.code;
    }
    return null;
  }),
};

/** The refusals the proof can give, as define-action.ts messages. */
export const accountChangeProofMessages = {
  invalid_password: { key: "accountChange.invalidPassword", field: "currentPassword" },
  invalid_password_or_code: { key: "accountChange.invalidPasswordOrCode", field: "currentPassword" },
  second_factor_required: { key: "accountChange.codeRequired", field: reauthenticationCodeFieldName, values: { minutes: reauthenticationWindowSeconds / 60 } },
} as const;
