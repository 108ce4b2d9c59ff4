import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { readPendingLoginCookie } from "@/server/pending-login-cookie";
import { logInWithSecurityCode } from "./actions";
import { PendingLoginExpired } from "./pending-login-expired";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("twoFactorStep"))("title") };
}

export default async function TwoFactorStepPage() {
  if (!(await readPendingLoginCookie())) return <PendingLoginExpired />;
  const t = await getTranslations("twoFactorStep");
  const common = await getTranslations("common");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <CodeForm
        action={logInWithSecurityCode}
        autoFocus
        digits={6}
        labels={{ code: common("securityCode"), submit: common("logIn"), working: common("working") }}
      />
      <Link href="/login/backup-code" className="text-blue-700 underline dark:text-blue-400">
        {t("useBackupCode")}
      </Link>
    </div>
  );
}
