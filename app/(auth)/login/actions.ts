"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { FormState } from "@/components/forms/form-state";
import { verifyPasswordStep } from "@/lib/auth/verify-password-step";
import { ensureDatabaseReady } from "@/lib/db";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { completeSignIn } from "@/server/complete-sign-in";
import { withMailAfterResponse } from "@/server/deliver-mail-after-response";
import { readDeviceCookies } from "@/server/device-cookie";
import { parseCurrentPasswordField, parseEmailField, readFormField } from "@/server/form-input";
import { setPendingLoginCookie } from "@/server/pending-login-cookie";
import { getRequestContext } from "@/server/request-context";
import { unlessServerBusy } from "@/server/server-busy";
import { tooManyAttemptsMessage } from "@/server/too-many-attempts";

export async function logIn(_state: FormState, formData: FormData): Promise<FormState> {
  const email = await parseEmailField(readFormField(formData, "email"));
  const echoedEmail = typeof readFormField(formData, "email") === "string" ? String(readFormField(formData, "email")).slice(0, emailMaxLength) : "";
  if (!email.ok) return { ok: false, error: email.error, field: "email", values: { email: echoedEmail } };
  const password = await parseCurrentPasswordField(readFormField(formData, "password"));
  if (!password.ok) return { ok: false, error: password.error, field: "password", values: { email: email.value } };

  await ensureDatabaseReady();
  const context = await getRequestContext();
  const deviceCookies = await readDeviceCookies();
  const step = await unlessServerBusy(withMailAfterResponse(() => verifyPasswordStep({ email: email.value, password: password.value, context, deviceCookies })));
  if (step.busy) return { ok: false, error: step.error, values: { email: email.value } };
  const result = step.value;
  if (result.outcome === "rate_limited") {
    return { ok: false, error: await tooManyAttemptsMessage(result.retryAfterSeconds), values: { email: email.value } };
  }
  if (result.outcome === "invalid") {
    const t = await getTranslations("login");
    return { ok: false, error: t("invalidCredentials"), values: { email: email.value } };
  }
  if (result.outcome === "two_factor_required") {
    await setPendingLoginCookie({ userId: result.userId });
    redirect("/login/two-factor");
  }
  return completeSignIn({ userId: result.userId, method: "password", context });
}
