import { getTranslations } from "next-intl/server";
import { StatusMessage } from "@/components/status-message";

export async function PendingLoginExpired() {
  const t = await getTranslations("twoFactorStep");
  return <StatusMessage title={t("title")} message={t("expired")} link={{ href: "/login", label: t("startOver") }} />;
}
