"use server";

import { getTranslations } from "next-intl/server";
import type { FormState } from "@/components/forms/form-state";
import { verifyBackupCodeStep } from "@/lib/auth/verify-backup-code-step";
import { verifyTotpStep } from "@/lib/auth/verify-totp-step";
import { ensureDatabaseReady } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { completeSignIn } from "@/server/complete-sign-in";
import { withMailAfterResponse } from "@/server/deliver-mail-after-response";
import { parseCodeField, readFormField } from "@/server/form-input";
import { consumePendingLoginCookie, readPendingLoginCookie } from "@/server/pending-login-cookie";
import { getRequestContext } from "@/server/request-context";
import { unlessServerBusy } from "@/server/server-busy";
import { tooManyAttemptsMessage } from "@/server/too-many-attempts";

// Messages are loaded only for an answer that shows one: a sign-in that succeeds needs none.

/** The second step with a code from the authenticator app; needs the pending-login cookie. */
export async function logInWithSecurityCode(_state: FormState, formData: FormData): Promise<FormState> {
  const pending = await readPendingLoginCookie();
  if (!pending) return { ok: false, error: (await getTranslations("twoFactorStep"))("expired") };
  const code = await parseCodeField(readFormField(formData, "code"), 6);
  if (!code.ok) return { ok: false, error: code.error, field: "code" };

  await ensureDatabaseReady();
  const context = await getRequestContext();
  const result = await withMailAfterResponse(() => verifyTotpStep({ userId: pending.userId, code: code.value, keyring: getConfig().totpKeyring, context }));
  if (!result.ok && result.reason === "rate_limited") return { ok: false, error: await tooManyAttemptsMessage(result.retryAfterSeconds) };
  if (!result.ok) return { ok: false, error: (await getTranslations("twoFactorStep"))("invalidCode"), field: "code" };
  if (!(await consumePendingLoginCookie(pending))) return { ok: false, error: (await getTranslations("twoFactorStep"))("alreadyCompleted") };
  return completeSignIn({ userId: pending.userId, method: "totp", context });
}

/** The second step with a single-use backup code instead. */
export async function logInWithBackupCode(_state: FormState, formData: FormData): Promise<FormState> {
  const pending = await readPendingLoginCookie();
  if (!pending) return { ok: false, error: (await getTranslations("twoFactorStep"))("expired") };
  const code = await parseCodeField(readFormField(formData, "code"), 8);
  if (!code.ok) return { ok: false, error: code.error, field: "code" };

  await ensureDatabaseReady();
  const context = await getRequestContext();
  const step = await unlessServerBusy(withMailAfterResponse(() => verifyBackupCodeStep({ userId: pending.userId, code: code.value, context })));
  if (step.busy) return { ok: false, error: step.error, field: "code" };
  const result = step.value;
  if (!result.ok && result.reason === "rate_limited") return { ok: false, error: await tooManyAttemptsMessage(result.retryAfterSeconds) };
  if (!result.ok) return { ok: false, error: (await getTranslations("backupCodeStep"))("invalidCode"), field: "code" };
  if (!(await consumePendingLoginCookie(pending))) return { ok: false, error: (await getTranslations("twoFactorStep"))("alreadyCompleted") };
  return completeSignIn({ userId: pending.userId, method: "backup_code", context });
}
