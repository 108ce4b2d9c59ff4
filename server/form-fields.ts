import "server-only";
import { z } from "zod";
import { backupCodeDigits, type CodeDigits, normalizeCode, stripCodeInput } from "@/lib/input/code-format";
import { normalizeEmail, unmailableEmailCharacters } from "@/lib/input/normalize-email";
import {
  type CheckNewPasswordResult,
  checkNewPassword,
  type NewPasswordOptions,
  passwordMaxLength,
  passwordMinLengthAlone,
  passwordMinLengthWithSecondFactor,
} from "@/lib/input/password-rules";

/**
 * A message from the catalogues (messages/*.json) as a zod issue message: the key and its
 * values, translated by define-action.ts only for a refused form (a valid one needs none).
 */
/** A link shown with a refusal: where to go instead, its label a catalogue key. */
export type CatalogueLink = { href: string; labelKey: string };
type CatalogueMessage = { key: string; values?: Record<string, string | number>; link?: CatalogueLink };

export function catalogueMessage(key: string, values?: Record<string, string | number>, link?: CatalogueLink): string {
  return JSON.stringify({ key, values, link });
}

export function readCatalogueMessage(message: string): CatalogueMessage {
  return JSON.parse(message) as CatalogueMessage;
}

/** An issue that answers "Page not found": a crafted post naming no real target. */
export const notFoundMessage = catalogueMessage("notFound");

function refuse(context: z.RefinementCtx, key: string, values?: Record<string, string | number>, link?: CatalogueLink): never {
  context.addIssue({ code: "custom", message: catalogueMessage(key, values, link) });
  return z.NEVER;
}

export const emailField = z.unknown().transform((value, context) => {
  const email = normalizeEmail(value);
  if (email.ok) return email.email;
  if (email.reason === "unmailable_character") return refuse(context, "input.emailUnmailable", { characters: unmailableEmailCharacters });
  return refuse(context, email.reason === "empty" ? "input.emailEmpty" : "input.emailInvalid");
});

/** A password being checked at log in: only its presence and size, never its content rules. */
export const currentPasswordField = z.unknown().transform((value, context) => {
  if (typeof value === "string" && value.length > 0 && value.length <= passwordMaxLength) return value;
  if (typeof value !== "string" || value.length === 0) return refuse(context, "input.passwordEmpty");
  return refuse(context, "input.passwordTooLong", { max: passwordMaxLength });
});

/** The message for each refusal of lib/input/password-rules.ts, at the password field. */
export const passwordRuleMessages = {
  password_empty: { key: "input.passwordEmpty", field: "password" },
  password_too_short_alone: { key: "input.passwordTooShort", field: "password", values: { min: passwordMinLengthAlone } },
  password_too_short_with_second_factor: { key: "input.passwordTooShort", field: "password", values: { min: passwordMinLengthWithSecondFactor } },
  password_too_long: { key: "input.passwordTooLong", field: "password", values: { max: passwordMaxLength } },
  password_invalid: { key: "input.passwordInvalid", field: "password" },
  password_too_common: { key: "input.passwordTooCommon", field: "password" },
  password_personal: { key: "input.passwordPersonal", field: "password" },
} as const;
export type PasswordRuleReason = keyof typeof passwordRuleMessages;

/** A refusal of checkNewPassword as a `run` failure, answered with passwordRuleMessages. */
export function passwordRuleFailure(result: Extract<CheckNewPasswordResult, { ok: false }>): { ok: false; reason: PasswordRuleReason } {
  if (result.reason === "too_short") {
    return { ok: false, reason: result.min === passwordMinLengthWithSecondFactor ? "password_too_short_with_second_factor" : "password_too_short_alone" };
  }
  return { ok: false, reason: `password_${result.reason}` };
}

/**
 * A new password, checked by every rule that needs nothing but the password: an account
 * without a second factor (15 characters), not too common. A form that knows the account
 * (address, second factor) checks it in `run` with checkNewPassword's options instead.
 */
export const newPasswordField = newPasswordFieldFor({});

export function newPasswordFieldFor(options: NewPasswordOptions) {
  return z.unknown().transform((value, context) => {
    const password = checkNewPassword(value, options);
    if (password.ok) return password.password;
    const { key, values } = passwordRuleMessages[passwordRuleFailure(password).reason] as { key: string; values?: Record<string, number> };
    return refuse(context, key, values);
  });
}

/** A new password before its rules are known (the account is read first): only present and not huge. */
export const newPasswordInputField = z.unknown().transform((value, context) => {
  if (typeof value === "string" && value.length > 0 && value.length <= passwordMaxLength * 2) return value;
  if (typeof value !== "string" || value.length === 0) return refuse(context, "input.passwordEmpty");
  return refuse(context, "input.passwordTooLong", { max: passwordMaxLength });
});

/**
 * A code of `digits` digits. With `backupCodePage`, a security code field answers a backup
 * code typed into it (8 digits for 6) by naming it and linking to the page that takes it.
 */
export function codeField(digits: CodeDigits, options: { backupCodePage?: string } = {}) {
  return z.unknown().transform((value, context) => {
    const code = normalizeCode({ input: value, digits });
    if (code.ok) return code.code;
    const looksLikeBackupCode = code.reason === "wrong_length" && typeof value === "string" && stripCodeInput(value).length === backupCodeDigits;
    if (options.backupCodePage && looksLikeBackupCode) {
      return refuse(context, "input.looksLikeBackupCode", { digits, backupDigits: backupCodeDigits }, { href: options.backupCodePage, labelKey: "input.backupCodePageLink" });
    }
    return refuse(context, code.reason === "empty" ? "input.codeEmpty" : code.reason === "wrong_length" ? "input.codeWrongLength" : "input.codeInvalid", { digits });
  });
}

/**
 * A field of a posted form. A crafted request can call a server action with anything
 * (an object, an array): only a real FormData string counts.
 */
export function readFormField(formData: unknown, name: string): unknown {
  return formData instanceof FormData ? formData.get(name) : undefined;
}
