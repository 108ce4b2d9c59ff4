import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReauthenticationLabels } from "@/components/forms/reauthentication-fields";
import { UnbrokenQuotes } from "@/components/unbroken-quotes";
import { backupCodeCount, backupCodesFileName, lowBackupCodesThreshold } from "@/lib/two-factor/backup-codes";
import type { TwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { BackupCodesDownload } from "./backup-codes-download";
import { DisableTwoFactor } from "./disable-two-factor";
import { UsedBackupCodes } from "./used-backup-codes";

const reauthenticationNoticeId = "reauthentication-notice";

type EnabledTwoFactorProps = {
  status: TwoFactorStatus;
  justEnabled: boolean;
  /** Back from /settings/two-factor/authenticator-app with the app added beside the passkeys. */
  appAdded?: boolean;
  /** A plain form post (no JavaScript) whose download was refused comes back with this. */
  downloadError?: "password" | "failed";
  reauthentication?: ReauthenticationLabels;
  /** The passkeys section, above "Disable". */
  passkeys?: ReactNode;
};

export async function EnabledTwoFactor({ status, justEnabled, appAdded, downloadError, reauthentication, passkeys }: EnabledTwoFactorProps) {
  const t = await getTranslations("twoFactor");
  const app = await getTranslations("authenticatorApp");
  const reauthenticationMessages = await getTranslations("reauthentication");
  const settings = await getTranslations("settings");
  const lowOnCodes = status.hasBackupCodeSet && status.remainingBackupCodes <= lowBackupCodesThreshold;
  return (
    <div className="flex flex-col gap-8">
      {justEnabled && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("enabledNotice")}
        </p>
      )}
      {appAdded && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {app("addedNotice")}
        </p>
      )}
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>
        {t("status")}: <strong data-testid="two-factor-status">{settings("enabled")}</strong>
      </p>
      {/* Both forms below ask for the password: why is said once, and each field points here. */}
      {reauthentication && (
        <p id={reauthenticationNoticeId} className="rounded-md border border-blue-700 bg-blue-50 px-3 py-2 text-blue-950 dark:bg-blue-950 dark:text-blue-50">
          {reauthentication.hint}
        </p>
      )}
      {!status.hasBackupCodeSet && (
        <div className="rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          <p className="font-semibold">{t("saveCodesNow")}</p>
          <p>{t("saveCodesNowBody")}</p>
        </div>
      )}
      <section aria-labelledby="backup-heading" className="flex flex-col gap-3">
        <h2 id="backup-heading" className="text-xl font-semibold">{t("backupHeading")}</h2>
        <p>{t("backupIntro")}</p>
        <p data-testid="backup-codes-remaining">
          {status.hasBackupCodeSet ? t("remaining", { remaining: status.remainingBackupCodes, total: backupCodeCount }) : t("noCodesYet")}
        </p>
        {status.hasBackupCodeSet && <UsedBackupCodes used={status.usedBackupCodes} />}
        {lowOnCodes && (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
            {t("lowWarning", { remaining: status.remainingBackupCodes })}
          </p>
        )}
        {downloadError && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {downloadError === "password" ? reauthenticationMessages(reauthentication?.code ? "invalidWithCode" : "invalid") : t("downloadFailed")}
          </p>
        )}
        <BackupCodesDownload
          fileName={backupCodesFileName}
          reauthentication={reauthentication}
          describedBy={reauthentication && reauthenticationNoticeId}
          labels={{
            download: t("download"),
            codesHeading: t("codesHeading"),
            codesShownOnce: t("codesShownOnce"),
            codesNumbered: t("codesNumbered"),
            copy: t("copy"),
            copied: t("copied"),
            print: t("print"),
            failed: t("downloadFailed"),
          }}
        />
        <p className="text-sm">{t("downloadNote", { count: backupCodeCount })}</p>
        <ul className="list-disc space-y-1 pl-6 text-sm">
          <li>
            <UnbrokenQuotes text={t("cautionOnce", { count: backupCodeCount })} />
          </li>
          <li>{t("cautionLeak")}</li>
          <li>{t("cautionTemporary")}</li>
          <li>{t("cautionInvalidated")}</li>
        </ul>
      </section>
      {passkeys}
      {!status.authenticatorApp && (
        <section aria-labelledby="authenticator-app-heading" className="flex flex-col gap-3">
          <h2 id="authenticator-app-heading" className="text-xl font-semibold">{app("heading")}</h2>
          <p>{app("passkeyOnly")}</p>
          <Link
            href="/settings/two-factor/authenticator-app"
            className="w-fit rounded-md border border-blue-700 px-4 py-2 font-semibold text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 dark:border-blue-400 dark:text-blue-300 dark:hover:bg-blue-950"
          >
            {app("add")}
          </Link>
        </section>
      )}
      <DisableTwoFactor reauthentication={reauthentication} describedBy={reauthentication && reauthenticationNoticeId} />
    </div>
  );
}
