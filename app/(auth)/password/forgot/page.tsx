import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmailForm } from "@/components/forms/email-form";
import { passwordResetTokenTtlSeconds } from "@/lib/password-reset/reset-token";
import { sendResetLinkAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordForgot"))("title") };
}

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ sent?: string }> }) {
  const t = await getTranslations("passwordForgot");
  const common = await getTranslations("common");
  const { sent } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {sent === "1" ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("sent", { minutes: passwordResetTokenTtlSeconds / 60 })}
        </p>
      ) : (
        <>
          <p>{t("intro")}</p>
          <EmailForm action={sendResetLinkAction} labels={{ email: common("emailAddress"), submit: t("submit"), working: common("working") }} />
        </>
      )}
      <Link href="/login" className="text-sm text-blue-700 underline dark:text-blue-400">
        {t("backToLogin")}
      </Link>
    </div>
  );
}
