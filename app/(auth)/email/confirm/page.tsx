import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusMessage } from "@/components/status-message";
import { isEmailChangePending } from "@/lib/accounts/find-email-change";
import { ensureDatabaseReady } from "@/lib/db";
import { getActiveSession } from "@/server/session";
import { ConfirmEmailForm } from "./confirm-email-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("emailConfirm"))("title") };
}

/** The page the link mailed to a new address opens, signed in or not (ADR 0017). */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; done?: string }> }) {
  const { token, done } = await searchParams;
  const t = await getTranslations("emailConfirm");
  const common = await getTranslations("common");
  await ensureDatabaseReady();
  const home = (await getActiveSession()) ? { href: "/settings", label: common("personalSettings") } : { href: "/login", label: t("logIn") };
  if (done === "1") return <StatusMessage title={t("title")} message={t("done")} link={home} />;
  if (typeof token !== "string" || !(await isEmailChangePending({ token }))) return <StatusMessage title={t("title")} message={t("invalidLink")} link={home} />;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <ConfirmEmailForm token={token} labels={{ submit: t("submit"), working: common("working") }} />
    </div>
  );
}
