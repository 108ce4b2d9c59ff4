import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { readPendingLoginCookie } from "@/server/pending-login-cookie";
import { logInWithBackupCode } from "../two-factor/actions";
import { PendingLoginExpired } from "../two-factor/pending-login-expired";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backupCodeStep"))("title") };
}

export default async function BackupCodeStepPage() {
  if (!(await readPendingLoginCookie())) return <PendingLoginExpired />;
  const t = await getTranslations("backupCodeStep");
  const common = await getTranslations("common");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <CodeForm
        action={logInWithBackupCode}
        autoFocus
        digits={8}
        labels={{ code: common("backupCode"), submit: common("logIn"), working: common("working") }}
      />
      <Link href="/login/two-factor" className="text-blue-700 underline dark:text-blue-400">
        {t("useAuthenticator")}
      </Link>
    </div>
  );
}
