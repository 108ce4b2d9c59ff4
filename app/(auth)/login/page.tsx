import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CredentialsForm } from "@/components/forms/credentials-form";
import { PasskeyCeremonyForm } from "@/components/passkeys/passkey-ceremony-form";
import { getConfig } from "@/lib/env";
import { signedInHomePath } from "@/server/sign-in-cookies";
import { getActiveSession } from "@/server/session";
import { logInAction } from "./actions";
import { signInWithPasskeyAction } from "./passkey-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ signedOut?: string; passwordReset?: string }> }) {
  if (await getActiveSession()) redirect(signedInHomePath);
  const t = await getTranslations("login");
  const common = await getTranslations("common");
  const passkeys = await getTranslations("passkeys");
  const { signedOut, passwordReset } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {signedOut === "1" && <p className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">{t("signedOut")}</p>}
      {passwordReset === "1" && (
        <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
          {t("passwordChanged")}
        </p>
      )}
      <p>{t("intro")}</p>
      <CredentialsForm
        action={logInAction}
        passwordAutoComplete="current-password"
        emailAutoComplete="username webauthn"
        labels={{ email: common("emailAddress"), password: common("password"), submit: common("logIn"), working: common("working") }}
      />
      <PasskeyCeremonyForm
        purpose="sign_in"
        action={signInWithPasskeyAction}
        autofill
        labels={{ button: passkeys("signIn"), working: common("working"), cancelled: passkeys("cancelled"), failed: passkeys("expired") }}
      />
      <p className="text-sm">
        <Link href="/password/forgot" className="text-blue-700 underline dark:text-blue-400">
          {t("forgotPassword")}
        </Link>
      </p>
      {getConfig().allowSignup && (
        <p className="text-sm">
          {t("noAccount")}{" "}
          <Link href="/signup" className="text-blue-700 underline dark:text-blue-400">
            {t("createAccount")}
          </Link>
        </p>
      )}
    </div>
  );
}
