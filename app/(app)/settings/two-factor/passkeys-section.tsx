import { getFormatter, getTranslations } from "next-intl/server";
import type { ReauthenticationLabels } from "@/components/forms/reauthentication-fields";
import { ReauthenticationFields } from "@/components/forms/reauthentication-fields";
import { PasskeyCeremonyForm } from "@/components/passkeys/passkey-ceremony-form";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import type { TwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { listPasskeys } from "@/lib/passkeys/manage-passkeys";
import { maxPasskeysPerAccount } from "@/lib/passkeys/register-passkey";
import { reauthenticationField } from "@/server/reauthentication-field";
import { addPasskeyAction, removePasskeyAction, renamePasskeyAction } from "./passkey-actions";
import { PasskeyRow } from "./passkey-row";

type PasskeysSectionProps = {
  session: ActiveSession;
  status: TwoFactorStatus;
  /** What "Remove" asks when the sign-in is old (the same as "Disable"), and where the page says why. */
  removeReauthentication?: ReauthenticationLabels;
  describedBy?: string;
  /** The sentence that says why "Add a passkey" asks for the password (the notice, or the setup form's hint). */
  addDescribedBy: string;
  notice?: "added" | "removed" | "renamed";
};

/** Personal settings → two-factor: the account's passkeys, "Add a passkey", rename and "Remove" (issue 17). */
export async function PasskeysSection({ session, status, removeReauthentication, describedBy, addDescribedBy, notice }: PasskeysSectionProps) {
  const t = await getTranslations("passkeys");
  const twoFactor = await getTranslations("twoFactor");
  const common = await getTranslations("common");
  const format = await getFormatter();
  const [passkeys, addReauthentication] = await Promise.all([
    listPasskeys({ userId: session.user.id }),
    // Adding asks for the password alone when the sign-in is old (ADR 0013).
    reauthenticationField(session),
  ]);
  const onlyFactor = passkeys.length === 1 && !status.authenticatorApp;
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return (
    <section aria-labelledby="passkeys-heading" className="flex flex-col gap-3" data-testid="passkeys">
      <h2 id="passkeys-heading" className="text-xl font-semibold">{t("heading")}</h2>
      {notice && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t(`${notice}Notice`)}
        </p>
      )}
      <p>{t("intro")}</p>
      {passkeys.length === 0 ? (
        <p className="text-sm">{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {passkeys.map((passkey) => (
            <PasskeyRow
              key={passkey.id}
              passkey={{ id: passkey.id, name: passkey.name, added: when(passkey.createdAt), lastUsed: when(passkey.lastUsedAt) }}
              renameAction={renamePasskeyAction}
              removeAction={removePasskeyAction}
              lastFactor={
                onlyFactor
                  ? { warning: t("lastFactor"), confirmTitle: twoFactor("confirmTitle"), confirmBody: twoFactor("confirmBody"), ok: twoFactor("ok"), cancel: twoFactor("cancel") }
                  : undefined
              }
              reauthentication={removeReauthentication}
              describedBy={describedBy}
              labels={{ name: t("name"), rename: t("rename"), remove: t("remove"), added: t("added"), lastUsed: t("lastUsed"), working: common("working") }}
            />
          ))}
        </ul>
      )}
      {passkeys.length >= maxPasskeysPerAccount ? (
        <p className="text-sm">{t("tooMany", { count: maxPasskeysPerAccount })}</p>
      ) : (
      <PasskeyCeremonyForm
        purpose="register"
        action={addPasskeyAction}
        labels={{
          button: t("add"),
          working: common("working"),
          cancelled: t("cancelled"),
          failed: t("expired"),
          refusals: { too_many: t("tooMany", { count: maxPasskeysPerAccount }) },
        }}
      >
        {/* A label of its own, and the page's one sentence on why instead of a second hint: the
            screen already has a "Password" field (issue 15 §2), and flows address that one by name. */}
        {addReauthentication && (
          <ReauthenticationFields labels={{ ...addReauthentication, label: t("passwordToAdd") }} idPrefix="add-passkey" describedBy={addDescribedBy} />
        )}
      </PasskeyCeremonyForm>
      )}
    </section>
  );
}
