import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { UnbrokenQuotes } from "@/components/unbroken-quotes";
import type { FormState } from "@/components/forms/form-state";
import type { CodeStep } from "@/lib/auth/code-steps";
import { PasskeyCeremonyForm } from "@/components/passkeys/passkey-ceremony-form";
import { secondFactorsOf } from "@/lib/passkeys/manage-passkeys";
import { readPendingLoginCookie } from "@/server/sign-in-cookies";
import { logInWithPasskeyAction } from "./passkey-actions";
import { PendingLoginExpired } from "./two-factor/pending-login-expired";

export async function codeStepMetadata(step: CodeStep): Promise<Metadata> {
  return { title: (await getTranslations(step.messages.page))("title") };
}

/**
 * /login/two-factor and /login/backup-code: one code field, and the way to the other step. The
 * security-code step offers "Use a passkey" when the account has one, and shows no code field
 * when the account has passkeys and no authenticator app (issue 17).
 */
export async function CodeStepPage({ step, action }: { step: CodeStep; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const pending = await readPendingLoginCookie();
  if (!pending) return <PendingLoginExpired />;
  const t = await getTranslations();
  const page = await getTranslations(step.messages.page);
  const factors = step.method === "totp" ? await secondFactorsOf({ userId: pending.userId }) : null;
  const offersPasskey = Boolean(factors && factors.passkeys > 0);
  // A passkey-only account has no code to type here: the passkey, or the link to a backup code.
  const asksCode = !offersPasskey || factors!.authenticatorApp;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{page("title")}</h1>
      <p>
        <UnbrokenQuotes text={asksCode ? page("intro") : t("passkeys.stepIntro")} />
      </p>
      {asksCode && (
        <CodeForm
          action={action}
          autoFocus
          digits={step.digits}
          labels={{ code: t(step.messages.label), submit: t("common.logIn"), working: t("common.working") }}
        />
      )}
      {offersPasskey && (
        <PasskeyCeremonyForm
          purpose="second_factor"
          action={logInWithPasskeyAction}
          labels={{ button: t("passkeys.use"), working: t("common.working"), cancelled: t("passkeys.cancelled"), failed: t("passkeys.expired") }}
        />
      )}
      <Link href={step.messages.other.path} className="text-blue-700 underline dark:text-blue-400">
        {t(step.messages.other.label)}
      </Link>
    </div>
  );
}
