import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CodeForm } from "@/components/forms/code-form";
import { UnbrokenQuotes } from "@/components/unbroken-quotes";
import type { FormState } from "@/components/forms/form-state";
import type { CodeStep } from "@/lib/auth/code-steps";
import { readPendingLoginCookie } from "@/server/sign-in-cookies";
import { PendingLoginExpired } from "./two-factor/pending-login-expired";

export async function codeStepMetadata(step: CodeStep): Promise<Metadata> {
  return { title: (await getTranslations(step.messages.page))("title") };
}

/** /login/two-factor and /login/backup-code: one code field, and the way to the other step. */
export async function CodeStepPage({ step, action }: { step: CodeStep; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  if (!(await readPendingLoginCookie())) return <PendingLoginExpired />;
  const t = await getTranslations();
  const page = await getTranslations(step.messages.page);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{page("title")}</h1>
      <p>
        <UnbrokenQuotes text={page("intro")} />
      </p>
      <CodeForm
        action={action}
        autoFocus
        digits={step.digits}
        labels={{ code: t(step.messages.label), submit: t("common.logIn"), working: t("common.working") }}
      />
      <Link href={step.messages.other.path} className="text-blue-700 underline dark:text-blue-400">
        {t(step.messages.other.label)}
      </Link>
    </div>
  );
}
