"use server";

import { getTranslations } from "next-intl/server";
import type { FormState } from "@/components/forms/form-state";
import { signUp } from "@/lib/accounts/sign-up";
import { ensureDatabaseReady } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { completeSignIn } from "@/server/complete-sign-in";
import { parseEmailField, parseNewPasswordField, readFormField } from "@/server/form-input";
import { getRequestContext } from "@/server/request-context";
import { unlessServerBusy } from "@/server/server-busy";

export async function createAccountAction(_state: FormState, formData: FormData): Promise<FormState> {
  const t = await getTranslations("signup");
  // Checked here too, not only on the page: the action is reachable by a direct POST.
  if (!getConfig().allowSignup) return { ok: false, error: t("closed") };
  const rawEmail = readFormField(formData, "email");
  const echoedEmail = typeof rawEmail === "string" ? rawEmail.slice(0, emailMaxLength) : "";
  const email = await parseEmailField(rawEmail);
  if (!email.ok) return { ok: false, error: email.error, field: "email", values: { email: echoedEmail } };
  const password = await parseNewPasswordField(readFormField(formData, "password"));
  if (!password.ok) return { ok: false, error: password.error, field: "password", values: { email: email.value } };

  await ensureDatabaseReady();
  const context = await getRequestContext();
  const signedUp = await unlessServerBusy(signUp({ email: email.value, password: password.value, context }));
  if (signedUp.busy) return { ok: false, error: signedUp.error, values: { email: email.value } };
  const created = signedUp.value;
  if (!created.ok && created.reason === "rate_limited") {
    return { ok: false, error: t("tooManySignUps", { minutes: Math.max(1, Math.ceil(created.retryAfterSeconds / 60)) }), values: { email: email.value } };
  }
  if (!created.ok) return { ok: false, error: t("emailTaken"), field: "email", values: { email: email.value } };
  return completeSignIn({ userId: created.userId, method: "password", context });
}
