import { getTranslations } from "next-intl/server";
import { disableTwoFactorAction } from "./actions";

/** "解除する" → a confirmation → "OK". A native popover, so it works without JavaScript. */
export async function DisableTwoFactor() {
  const t = await getTranslations("twoFactor");
  return (
    <section aria-labelledby="disable-heading" className="flex flex-col gap-3">
      <h2 id="disable-heading" className="text-xl font-semibold">{t("disableHeading")}</h2>
      <p>{t("disableIntro")}</p>
      <div>
        <button
          type="button"
          popoverTarget="disable-confirmation"
          className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-red-300 dark:hover:bg-red-950"
        >
          {t("disable")}
        </button>
      </div>
      <div
        id="disable-confirmation"
        popover="auto"
        role="alertdialog"
        aria-labelledby="disable-confirmation-title"
        aria-describedby="disable-confirmation-body"
        className="max-w-sm rounded-lg border border-zinc-300 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h3 id="disable-confirmation-title" className="text-lg font-semibold">{t("confirmTitle")}</h3>
        <p id="disable-confirmation-body" className="mt-2">{t("confirmBody")}</p>
        <form action={disableTwoFactorAction} className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            popoverTarget="disable-confirmation"
            popoverTargetAction="hide"
            className="rounded-md border border-zinc-400 px-4 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {t("cancel")}
          </button>
          <button className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
            {t("ok")}
          </button>
        </form>
      </div>
    </section>
  );
}
