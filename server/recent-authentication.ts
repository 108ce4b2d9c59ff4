import "server-only";
import { getTranslations } from "next-intl/server";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { isReauthenticationRequired, reauthenticate } from "@/lib/auth/reauthenticate";
import { getConfig } from "@/lib/env";
import { backupCodeDigits, normalizeCode, securityCodeDigits } from "@/lib/input/code-format";
import { currentPasswordField, readFormField } from "./form-fields";
import { reauthenticationCodeFieldName } from "./reauthentication-field";
import { getRequestContext } from "./request-context";
import { unlessServerBusy } from "./server-busy";
import { tooManyAttemptsMessage } from "./too-many-attempts";

/** What a person typed as the second factor: a 6-digit authenticator code or an 8-digit backup code, else null. */
function parseSecondFactorCode(value: unknown): string | null {
  for (const digits of [securityCodeDigits, backupCodeDigits] as const) {
    const code = normalizeCode({ input: value, digits });
    if (code.ok) return code.code;
  }
  return null;
}

/**
 * Inside every action that changes a factor: when the sign-in is older than the window
 * (lib/auth/session-lifetime.ts) the posted form must carry the password — and, with
 * `askSecondFactor` and two-factor authentication on, a current code too (ADR 0013). The page shows the fields, but
 * only this check counts.
 */
export async function confirmRecentAuthentication(options: {
  session: ActiveSession;
  formData: unknown;
  askSecondFactor?: boolean;
}): Promise<{ ok: true } | { ok: false; error: string; busyRetryAfterSeconds?: number }> {
  if (!isReauthenticationRequired({ authenticatedAt: options.session.authenticatedAt })) return { ok: true };
  const t = await getTranslations("reauthentication");
  const password = currentPasswordField.safeParse(readFormField(options.formData, "password"));
  if (!password.success) return { ok: false, error: t("required") };
  const code = parseSecondFactorCode(readFormField(options.formData, reauthenticationCodeFieldName));
  const checked = await unlessServerBusy(
    reauthenticate({
      sessionId: options.session.sessionId,
      userId: options.session.user.id,
      password: password.data,
      secondFactor: options.askSecondFactor ? { code, keyring: getConfig().totpKeyring } : undefined,
      context: await getRequestContext(),
    }),
  );
  if (checked.busy) return { ok: false, error: checked.error, busyRetryAfterSeconds: checked.retryAfterSeconds };
  const result = checked.value;
  if (result.ok) return { ok: true };
  if (result.reason === "rate_limited") return { ok: false, error: await tooManyAttemptsMessage(result.retryAfterSeconds) };
  if (result.reason === "second_factor_required") return { ok: false, error: t("codeRequired") };
  return { ok: false, error: options.askSecondFactor && code ? t("invalidWithCode") : t("invalid") };
}
