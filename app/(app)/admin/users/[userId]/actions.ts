"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { resetReasonMaxLength, resetUserTwoFactor } from "@/lib/admin/reset-user-two-factor";
import { unlockUser } from "@/lib/admin/unlock-user";
import { withMailAfterResponse } from "@/server/deliver-mail-after-response";
import { readFormField } from "@/server/form-input";
import { confirmRecentAuthentication } from "@/server/recent-authentication";
import { getRequestContext } from "@/server/request-context";
import type { AdminFormState } from "../../form-state";
import { requireAdmin } from "../../require-admin";

const targetUserSchema = z.object({ userId: z.uuid() });
const roleChangeSchema = targetUserSchema.extend({ role: z.enum(["USER", "ADMIN"]) });
const resetTwoFactorSchema = targetUserSchema.extend({ reason: z.string().trim().min(1).max(resetReasonMaxLength) });

/** The user's page with a notice of what was just done (a plain form post lands here too). */
function backToUser(userId: string, done: string): never {
  // The kept layout shows the main menu (Administration only for admins): an admin who
  // removed their own role must not keep the link.
  revalidatePath("/", "layout");
  redirect(`/admin/users/${userId}?done=${done}`);
}

export async function changeRoleAction(_state: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const session = await requireAdmin();
  const t = await getTranslations("admin.user");
  const parsed = roleChangeSchema.safeParse({ userId: readFormField(formData, "userId"), role: readFormField(formData, "role") });
  if (!parsed.success) notFound();
  const recent = await confirmRecentAuthentication({ session, formData });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const result = await changeUserRole({
    actorId: session.user.id,
    targetUserId: parsed.data.userId,
    role: parsed.data.role,
    context: await getRequestContext(),
  });
  if (!result.ok && result.reason === "forbidden") return notFound();
  if (!result.ok) return { ok: false, error: result.reason === "last_admin" ? t("lastAdmin") : t("userGone") };
  backToUser(parsed.data.userId, parsed.data.role === "ADMIN" ? "role_granted" : "role_revoked");
}

export async function resetTwoFactorAction(_state: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const session = await requireAdmin();
  const t = await getTranslations("admin.user");
  const target = targetUserSchema.safeParse({ userId: readFormField(formData, "userId") });
  if (!target.success) notFound();
  const parsed = resetTwoFactorSchema.safeParse({ userId: target.data.userId, reason: readFormField(formData, "reason") });
  if (!parsed.success) return { ok: false, error: t("reasonRequired", { max: resetReasonMaxLength }), field: "reason" };
  const recent = await confirmRecentAuthentication({ session, formData });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const context = await getRequestContext();
  const result = await withMailAfterResponse(() =>
    resetUserTwoFactor({ actorId: session.user.id, targetUserId: parsed.data.userId, reason: parsed.data.reason, context }),
  );
  if (!result.ok) {
    if (result.reason === "forbidden") return notFound();
    const errors = { not_found: t("userGone"), self: t("resetSelf"), not_enabled: t("resetNotEnabled") };
    return { ok: false, error: errors[result.reason] };
  }
  backToUser(parsed.data.userId, "two_factor_reset");
}

export async function unlockAction(_state: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const session = await requireAdmin();
  const t = await getTranslations("admin.user");
  const parsed = targetUserSchema.safeParse({ userId: readFormField(formData, "userId") });
  if (!parsed.success) notFound();
  const recent = await confirmRecentAuthentication({ session, formData });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const result = await unlockUser({ actorId: session.user.id, targetUserId: parsed.data.userId, context: await getRequestContext() });
  if (!result.ok && result.reason === "forbidden") return notFound();
  if (!result.ok) return { ok: false, error: result.reason === "not_locked" ? t("notLocked") : t("userGone") };
  backToUser(parsed.data.userId, "account_unlocked");
}
