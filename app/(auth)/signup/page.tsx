import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CredentialsForm } from "@/components/forms/credentials-form";
import { StatusMessage } from "@/components/status-message";
import { getConfig } from "@/lib/env";
import { passwordMinLengthAlone } from "@/lib/input/password-rules";
import { createAccountAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signup"))("title") };
}

export default async function SignupPage() {
  const t = await getTranslations("signup");
  const common = await getTranslations("common");
  if (!getConfig().allowSignup) {
    return <StatusMessage title={t("title")} message={t("closed")} link={{ href: "/login", label: common("logIn") }} />;
  }
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <CredentialsForm
        action={createAccountAction}
        passwordAutoComplete="new-password"
        labels={{
          email: common("emailAddress"),
          password: common("password"),
          submit: t("submit"),
          working: common("working"),
          passwordHint: t("passwordHint", { min: passwordMinLengthAlone }),
        }}
      />
      <p className="text-sm">
        {t("haveAccount")}{" "}
        <Link href="/login" className="text-blue-700 underline dark:text-blue-400">
          {common("logIn")}
        </Link>
      </p>
    </div>
  );
}
