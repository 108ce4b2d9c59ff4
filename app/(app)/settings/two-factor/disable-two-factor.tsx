import { getTranslations } from "next-intl/server";
import type { ReauthenticationLabels } from "@/components/forms/reauthentication-fields";
import { disableTwoFactorAction } from "./actions";
import { DisableTwoFactorForm } from "./disable-two-factor-form";

export async function DisableTwoFactor({ reauthentication, describedBy }: { reauthentication?: ReauthenticationLabels; describedBy?: string }) {
  const t = await getTranslations("twoFactor");
  return (
    <section aria-labelledby="disable-heading" className="flex flex-col gap-3">
      <h2 id="disable-heading" className="text-xl font-semibold">
        {t("disableHeading")}
      </h2>
      <p>{t("disableIntro")}</p>
      <DisableTwoFactorForm
        action={disableTwoFactorAction}
        dialogId="disable-confirmation"
        reauthentication={reauthentication}
        describedBy={describedBy}
        labels={{ disable: t("disable"), confirmTitle: t("confirmTitle"), confirmBody: t("confirmBody"), ok: t("ok"), cancel: t("cancel") }}
      />
    </section>
  );
}
