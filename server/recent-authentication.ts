import "server-only";
import { getTranslations } from "next-intl/server";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { isReauthenticationRequired, reauthenticate } from "@/lib/auth/reauthenticate";
import { parseCurrentPasswordField, readFormField } from "./form-input";
import { getRequestContext } from "./request-context";
import { unlessServerBusy } from "./server-busy";
import { tooManyAttemptsMessage } from "./too-many-attempts";

/**
 * Inside every action that changes a factor: when the sign-in is older than 10 minutes the
 * posted form must carry the password. The page shows the field, but only this check counts.
 */
export async function confirmRecentAuthentication(options: {
  session: ActiveSession;
  formData: unknown;
}): Promise<{ ok: true } | { ok: false; error: string; busyRetryAfterSeconds?: number }> {
  if (!isReauthenticationRequired({ authenticatedAt: options.session.authenticatedAt })) return { ok: true };
  const t = await getTranslations("reauthentication");
  const password = await parseCurrentPasswordField(readFormField(options.formData, "password"));
  if (!password.ok) return { ok: false, error: t("required") };
  const checked = await unlessServerBusy(
    reauthenticate({ sessionId: options.session.sessionId, userId: options.session.user.id, password: password.value, context: await getRequestContext() }),
  );
  if (checked.busy) return { ok: false, error: checked.error, busyRetryAfterSeconds: checked.retryAfterSeconds };
  const result = checked.value;
  if (result.ok) return { ok: true };
  if (result.reason === "rate_limited") return { ok: false, error: await tooManyAttemptsMessage(result.retryAfterSeconds) };
  return { ok: false, error: t("invalid") };
}
