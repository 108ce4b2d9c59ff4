import "server-only";
import { getTranslations } from "next-intl/server";
import { normalizeCode } from "@/lib/input/normalize-code";
import { normalizeEmail, unmailableEmailCharacters } from "@/lib/input/normalize-email";
import { checkNewPassword, passwordMaxLength, passwordMinLength } from "@/lib/input/password-rules";

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// The catalogue is loaded only for a refused field: a valid form (every sign-in) needs no
// message, and loading one costs a translator per request (npm run bench, ADR 0003).
const inputMessages = () => getTranslations("input");

/**
 * A field of a posted form. A crafted request can call a server action with anything
 * (an object, an array): only a real FormData string counts.
 */
export function readFormField(formData: unknown, name: string): unknown {
  return formData instanceof FormData ? formData.get(name) : undefined;
}

export async function parseEmailField(value: unknown): Promise<Parsed<string>> {
  const email = normalizeEmail(value);
  if (email.ok) return { ok: true, value: email.email };
  const t = await inputMessages();
  if (email.reason === "unmailable_character") return { ok: false, error: t("emailUnmailable", { characters: unmailableEmailCharacters }) };
  return { ok: false, error: email.reason === "empty" ? t("emailEmpty") : t("emailInvalid") };
}

/** A password being checked at log in: only its presence and size, never its content rules. */
export async function parseCurrentPasswordField(value: unknown): Promise<Parsed<string>> {
  if (typeof value === "string" && value.length > 0 && value.length <= passwordMaxLength) return { ok: true, value };
  const t = await inputMessages();
  if (typeof value !== "string" || value.length === 0) return { ok: false, error: t("passwordEmpty") };
  return { ok: false, error: t("passwordTooLong", { max: passwordMaxLength }) };
}

export async function parseNewPasswordField(value: unknown): Promise<Parsed<string>> {
  const password = checkNewPassword(value);
  if (password.ok) return { ok: true, value: password.password };
  const t = await inputMessages();
  const messages = {
    empty: t("passwordEmpty"),
    too_short: t("passwordTooShort", { min: passwordMinLength }),
    too_long: t("passwordTooLong", { max: passwordMaxLength }),
    invalid: t("passwordInvalid"),
  };
  return { ok: false, error: messages[password.reason] };
}

export async function parseCodeField(value: unknown, digits: 6 | 8): Promise<Parsed<string>> {
  const code = normalizeCode({ input: value, digits });
  if (code.ok) return { ok: true, value: code.code };
  const t = await inputMessages();
  const messages = {
    empty: t("codeEmpty", { digits }),
    wrong_length: t("codeWrongLength", { digits }),
    too_long: t("codeInvalid", { digits }),
    invalid: t("codeInvalid", { digits }),
  };
  return { ok: false, error: messages[code.reason] };
}
