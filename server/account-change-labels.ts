import "server-only";
import { getTranslations } from "next-intl/server";
import { accountChangeAsksForCode, type AccountChangeSession } from "@/lib/accounts/confirm-account-owner";
import { reauthenticationWindowSeconds } from "@/lib/auth/session-lifetime";

/** The code field's labels when this session must bring a code to change the password or address (ADR 0017), else undefined. */
export async function accountChangeCodeLabels(session: AccountChangeSession): Promise<{ label: string; hint: string } | undefined> {
  if (!(await accountChangeAsksForCode(session))) return undefined;
  const t = await getTranslations("accountChange");
  return { label: t("codeLabel"), hint: t("codeHint", { minutes: reauthenticationWindowSeconds / 60 }) };
}
