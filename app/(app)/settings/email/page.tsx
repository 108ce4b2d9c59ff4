import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountChangeForm } from "@/components/forms/account-change-form";
import { emailChangeTokenTtlSeconds } from "@/lib/accounts/email-change-token";
import { accountChangeCodeLabels } from "@/server/account-change-labels";
import { requireActiveSession } from "@/server/session";
import { requestEmailChangeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("emailChange"))("title") };
}

export default async function ChangeEmailPage({ searchParams }: { searchParams: Promise<{ sent?: string }> }) {
  const session = await requireActiveSession();
  const { sent } = await searchParams;
  const t = await getTranslations("emailChange");
  const common = await getTranslations("common");
  const accountChange = await getTranslations("accountChange");
  return (
    <div className="flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {sent === "1" && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("sent", { hours: emailChangeTokenTtlSeconds / 3600 })}
        </p>
      )}
      <p>{t("intro", { email: session.user.email })}</p>
      <AccountChangeForm
        action={requestEmailChangeAction}
        labels={{
          newEmail: t("newEmail"),
          currentPassword: accountChange("currentPassword"),
          code: await accountChangeCodeLabels(session),
          submit: t("submit"),
          working: common("working"),
        }}
      />
      <Link href="/settings" className="text-blue-700 underline dark:text-blue-400">
        {accountChange("backToSettings")}
      </Link>
    </div>
  );
}
