import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountChangeForm } from "@/components/forms/account-change-form";
import { passwordMinLengthAlone, passwordMinLengthWithSecondFactor } from "@/lib/input/password-rules";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { accountChangeCodeLabels } from "@/server/account-change-labels";
import { requireActiveSession } from "@/server/session";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordChange"))("title") };
}

export default async function ChangePasswordPage() {
  const session = await requireActiveSession();
  const t = await getTranslations("passwordChange");
  const common = await getTranslations("common");
  const accountChange = await getTranslations("accountChange");
  // The page says which rule applies (ADR 0018): 8 characters with a second factor, 15 without.
  const { enabled } = await getTwoFactorStatus({ userId: session.user.id });
  const min = enabled ? passwordMinLengthWithSecondFactor : passwordMinLengthAlone;
  return (
    <div className="flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <AccountChangeForm
        action={changePasswordAction}
        labels={{
          currentPassword: accountChange("currentPassword"),
          code: await accountChangeCodeLabels(session),
          newPassword: { label: t("newPassword"), hint: t("newPasswordHint", { min }) },
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
