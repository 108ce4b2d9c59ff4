import { QRCodeSVG } from "qrcode.react";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { UnbrokenQuotes } from "@/components/unbroken-quotes";
import { getConfig } from "@/lib/env";
import { buildOtpauthUri, formatKeyForReading } from "@/lib/two-factor/totp";
import { enableTwoFactorAction } from "./actions";

type AuthenticatorAppSetupProps = {
  email: string;
  secret: string;
  reauthentication?: { label: string; hint: string };
};

/**
 * The help page's three steps — install an app, scan the QR code (or type the key), verify a
 * code — shared by turning two-factor authentication on and by adding an app to a passkey-only
 * account (issue 17).
 */
export async function AuthenticatorAppSetup({ email, secret, reauthentication }: AuthenticatorAppSetupProps) {
  const t = await getTranslations("setup");
  const common = await getTranslations("common");
  const otpauthUri = buildOtpauthUri({ issuer: getConfig().appName, accountName: email, secret });
  return (
    <>
        <section aria-labelledby="install-heading" className="flex flex-col gap-2">
          <h2 id="install-heading" className="text-lg font-semibold">{t("installHeading")}</h2>
          <p>{t("installIntro")}</p>
          <ul className="list-disc pl-6">
            <li>{t("ios")}</li>
            <li>{t("android")}</li>
          </ul>
        </section>
        <section aria-labelledby="scan-heading" className="flex flex-col gap-3">
          <h2 id="scan-heading" className="text-lg font-semibold">{t("scanHeading")}</h2>
          <p>{t("scanIntro")}</p>
          {/* On a phone the QR code is on the very screen that would scan it: offer the link. */}
          <div className="flex flex-col gap-1 sm:hidden">
            <a
              href={otpauthUri}
              className="w-fit rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            >
              {t("openInApp")}
            </a>
            <p className="text-sm">{t("openInAppHint")}</p>
          </div>
          <div className="w-fit rounded-lg bg-white p-3">
            <QRCodeSVG value={otpauthUri} size={192} level="M" role="img" aria-label={t("qrCode")} title={t("qrCode")} />
          </div>
          <h3 className="font-semibold">{t("manualHeading")}</h3>
          <p>
            <UnbrokenQuotes text={t("manualIntro")} />
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium">{t("account")}</dt>
            <dd className="break-all">{email}</dd>
            <dt className="font-medium">{t("key")}</dt>
            <dd className="font-mono break-all" data-testid="totp-key">
              {formatKeyForReading(secret)}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="verify-heading" className="flex flex-col gap-3">
          <h2 id="verify-heading" className="text-lg font-semibold">{t("verifyHeading")}</h2>
          <p>
            <UnbrokenQuotes text={t("verifyIntro")} />
          </p>
          <CodeForm
            action={enableTwoFactorAction}
            digits={6}
            reauthentication={reauthentication}
            labels={{ code: common("securityCode"), submit: t("verify"), working: common("working") }}
          />
        </section>
    </>
  );
}
