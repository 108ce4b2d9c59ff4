"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { setTwoFactorPolicy } from "@/lib/admin/set-two-factor-policy";
import { maxGraceDays, twoFactorRequirements } from "@/lib/admin/two-factor-policy";
import { readFormField } from "@/server/form-input";
import { confirmRecentAuthentication } from "@/server/recent-authentication";
import { getRequestContext } from "@/server/request-context";
import type { AdminFormState } from "../form-state";
import { requireAdmin } from "../require-admin";

const twoFactorPolicySchema = z.object({
  requirement: z.enum(twoFactorRequirements),
  // A whole number of days typed into the field; an empty field is an error, never 0.
  graceDays: z.string().trim().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().max(maxGraceDays)),
});

export async function setTwoFactorPolicyAction(_state: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const session = await requireAdmin();
  const t = await getTranslations("admin.policy");
  const parsed = twoFactorPolicySchema.safeParse({
    requirement: readFormField(formData, "requirement"),
    graceDays: readFormField(formData, "graceDays"),
  });
  if (!parsed.success) {
    const onlyGraceDays = parsed.error.issues.every((issue) => issue.path[0] === "graceDays");
    if (!onlyGraceDays) return { ok: false, error: t("requirementInvalid") };
    return { ok: false, error: t("graceDaysInvalid", { max: maxGraceDays }), field: "graceDays" };
  }
  const recent = await confirmRecentAuthentication({ session, formData });
  if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
  const result = await setTwoFactorPolicy({ actorId: session.user.id, ...parsed.data, context: await getRequestContext() });
  if (!result.ok && result.reason === "forbidden") return notFound();
  if (!result.ok) return { ok: false, error: t("ownTwoFactorFirst") };
  // Every signed-in page's banner (in the kept layout) may change for this admin too.
  revalidatePath("/", "layout");
  redirect("/admin/policy?saved=1");
}
