import "server-only";
import { getTranslations } from "next-intl/server";

/** "Too many attempts. Try again in N minutes.", rounded up to whole minutes. */
export async function tooManyAttemptsMessage(retryAfterSeconds: number): Promise<string> {
  const t = await getTranslations("common");
  return t("tooManyAttempts", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}
