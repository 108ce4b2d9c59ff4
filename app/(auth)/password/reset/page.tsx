import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { NewPasswordForm } from "@/components/forms/new-password-form";
import { StatusMessage } from "@/components/status-message";
import { backupCodeStep, securityCodeStep } from "@/lib/auth/code-steps";
import { ensureDatabaseReady } from "@/lib/db";
import { passwordMaxLength, passwordMinLengthAlone, passwordMinLengthWithSecondFactor } from "@/lib/input/password-rules";
import { findPasswordReset } from "@/lib/password-reset/find-password-reset";
import { hasSecondFactorProof } from "@/server/password-reset";
import { resetWithBackupCode, resetWithSecurityCode, setNewPasswordAction } from "./actions";
import { resetPagePath } from "./reset-page-path";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordReset"))("title") };
}

/** /password/reset?token=… from the mail: the code step first when two-factor authentication is on, then the new password. */
export default async function PasswordResetPage({ searchParams }: { searchParams: Promise<{ token?: string; step?: string }> }) {
  const { token, step } = await searchParams;
  const t = await getTranslations("passwordReset");
  const common = await getTranslations("common");
  await ensureDatabaseReady();
  const found = await findPasswordReset({ token });
  if (!found.ok || !token) {
    return <StatusMessage title={t("invalidLinkTitle")} message={t("invalidLink")} link={{ href: "/password/forgot", label: t("requestNew") }} />;
  }
  const { reset } = found;
  if (reset.twoFactorEnabled && !(await hasSecondFactorProof(reset.tokenHash))) {
    const backup = step === "backup-code";
    const codeStep = backup ? backupCodeStep : securityCodeStep;
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{backup ? t("backupCodeIntro") : t("codeIntro")}</p>
        <CodeForm
          action={backup ? resetWithBackupCode : resetWithSecurityCode}
          autoFocus
          digits={codeStep.digits}
          hiddenFields={{ token }}
          labels={{ code: backup ? common("backupCode") : common("securityCode"), submit: t("verify"), working: common("working") }}
        />
        <Link href={resetPagePath(token, backup ? undefined : "backup-code")} className="text-blue-700 underline dark:text-blue-400">
          {backup ? t("useSecurityCode") : t("useBackupCode")}
        </Link>
      </div>
    );
  }
  const min = reset.twoFactorEnabled ? passwordMinLengthWithSecondFactor : passwordMinLengthAlone;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro", { email: reset.email })}</p>
      <NewPasswordForm
        action={setNewPasswordAction}
        email={reset.email}
        hiddenFields={{ token }}
        labels={{
          password: t("newPassword"),
          hint: t("hint", { min, max: passwordMaxLength, rule: reset.twoFactorEnabled ? t("ruleWithSecondFactor") : t("ruleAlone") }),
          showPassword: t("showPassword"),
          submit: t("submit"),
          working: common("working"),
        }}
      />
    </div>
  );
}
