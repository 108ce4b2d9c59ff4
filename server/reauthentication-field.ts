import "server-only";
import { getTranslations } from "next-intl/server";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { isReauthenticationRequired } from "@/lib/auth/reauthenticate";

/** The password field's labels when this session must re-enter its password, else undefined. */
export async function reauthenticationField(session: ActiveSession): Promise<{ label: string; hint: string } | undefined> {
  if (!isReauthenticationRequired({ authenticatedAt: session.authenticatedAt })) return undefined;
  const t = await getTranslations("reauthentication");
  return { label: t("label"), hint: t("hint") };
}
