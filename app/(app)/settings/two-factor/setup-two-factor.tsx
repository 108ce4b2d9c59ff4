import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AuthenticatorAppSetup } from "./authenticator-app-setup";

/** The help page's "2要素認証有効化" screen: app recommendation, QR code, manual key, verification. */
type SetupTwoFactorProps = {
  email: string;
  secret: string;
  justDisabled: boolean;
  reauthentication?: { label: string; hint: string };
  /** The passkeys section: adding a passkey turns two-factor authentication on too. */
  passkeys?: ReactNode;
};

export async function SetupTwoFactor({ email, secret, justDisabled, reauthentication, passkeys }: SetupTwoFactorProps) {
  const t = await getTranslations("setup");
  const twoFactor = await getTranslations("twoFactor");
  return (
    <div className="flex flex-col gap-8">
      {justDisabled && (
        <p role="status" className="rounded-md border border-zinc-400 bg-zinc-50 px-3 py-2 dark:bg-zinc-900">
          {twoFactor("disabledNotice")}
        </p>
      )}
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>
        {twoFactor("status")}: <strong>{(await getTranslations("settings"))("disabled")}</strong>
      </p>
      <AuthenticatorAppSetup email={email} secret={secret} reauthentication={reauthentication} />
      {passkeys}
    </div>
  );
}
