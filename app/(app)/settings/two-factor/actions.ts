"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { FormState } from "@/components/forms/form-state";
import { getConfig } from "@/lib/env";
import { disableTwoFactor } from "@/lib/two-factor/disable-two-factor";
import { enableTwoFactor } from "@/lib/two-factor/enable-two-factor";
import { pendingSetupTtlSeconds } from "@/lib/two-factor/pending-setup";
import { withMailAfterResponse } from "@/server/deliver-mail-after-response";
import { parseCodeField, readFormField } from "@/server/form-input";
import { confirmRecentAuthentication } from "@/server/recent-authentication";
import { getRequestContext } from "@/server/request-context";
import { requireActiveSessionAllowingSetup } from "@/server/session";

export async function enableTwoFactorAction(_state: FormState, formData: FormData): Promise<FormState> {
  const session = await requireActiveSessionAllowingSetup();
  const t = await getTranslations("setup");
  const code = await parseCodeField(readFormField(formData, "code"), 6);
  if (!code.ok) return { ok: false, error: code.error, field: "code" };
  const recent = await confirmRecentAuthentication({ session, formData });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const context = await getRequestContext();
  const result = await withMailAfterResponse(() =>
    enableTwoFactor({ userId: session.user.id, sessionId: session.sessionId, code: code.value, keyring: getConfig().totpKeyring, context }),
  );
  if (!result.ok) {
    const errors = {
      invalid_code: t("invalidCode"),
      not_pending: t("notPending"),
      setup_expired: t("setupExpired", { minutes: pendingSetupTtlSeconds / 60 }),
    };
    return { ok: false, error: errors[result.reason], field: "code" };
  }
  // The signed-in layout (the two-factor policy banner) is kept across navigations: redraw it.
  revalidatePath("/", "layout");
  redirect("/settings/two-factor?enabled=1");
}

export async function disableTwoFactorAction(_state: FormState, formData: FormData): Promise<FormState> {
  const session = await requireActiveSessionAllowingSetup();
  const recent = await confirmRecentAuthentication({ session, formData, askSecondFactor: true });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const context = await getRequestContext();
  await withMailAfterResponse(() => disableTwoFactor({ userId: session.user.id, sessionId: session.sessionId, context }));
  revalidatePath("/", "layout");
  redirect("/settings/two-factor?disabled=1");
}
