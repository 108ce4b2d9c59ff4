import "server-only";
import { getTranslations } from "next-intl/server";
import type { ReauthenticationLabels } from "@/components/forms/reauthentication-fields";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { isReauthenticationRequired } from "@/lib/auth/reauthenticate";
import { reauthenticationWindowSeconds } from "@/lib/auth/session-lifetime";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";

/** The form field that carries the second factor when re-authenticating (recent-authentication.ts reads it). */
export const reauthenticationCodeFieldName = "reauthenticationCode";

/**
 * The password field's labels when this session must re-enter its password, else undefined;
 * with `askSecondFactor` and two-factor authentication on, the code field's labels too.
 */
export async function reauthenticationField(
  session: ActiveSession,
  options: { askSecondFactor?: boolean } = {},
): Promise<ReauthenticationLabels | undefined> {
  if (!isReauthenticationRequired({ authenticatedAt: session.authenticatedAt })) return undefined;
  const t = await getTranslations("reauthentication");
  const askCode = options.askSecondFactor && (await getTwoFactorStatus({ userId: session.user.id })).enabled;
  const sinceSignIn = { minutes: reauthenticationWindowSeconds / 60 };
  return { label: t("label"), hint: askCode ? t("hintWithCode", sinceSignIn) : t("hint", sinceSignIn), ...(askCode ? { code: { label: t("codeLabel"), hint: t("codeHint") } } : {}) };
}
