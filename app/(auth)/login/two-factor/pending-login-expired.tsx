import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function PendingLoginExpired() {
  const t = await getTranslations("twoFactorStep");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p role="status">{t("expired")}</p>
      <Link href="/login" className="text-blue-700 underline dark:text-blue-400">
        {t("startOver")}
      </Link>
    </div>
  );
}
