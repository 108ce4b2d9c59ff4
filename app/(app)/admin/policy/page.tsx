import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { maxGraceDays, readTwoFactorPolicy } from "@/lib/admin/two-factor-policy";
import { reauthenticationField } from "@/server/reauthentication-field";
import { AdminNav } from "../admin-nav";
import { requireAdmin } from "@/server/session";
import { PolicyForm } from "./policy-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.policy"))("title") };
}

export default async function AdminPolicyPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const session = await requireAdmin();
  const { saved } = await searchParams;
  const t = await getTranslations("admin.policy");
  const common = await getTranslations("common");
  const format = await getFormatter();
  const policy = await readTwoFactorPolicy();
  const since = policy.requirement === "EVERYONE" ? policy.everyoneSince : policy.adminsSince;
  return (
    <div className="flex flex-col gap-6">
      <AdminNav current="policy" />
      {saved === "1" && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("saved")}
        </p>
      )}
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <p data-testid="policy-summary">
        {policy.requirement === "OFF"
          ? t("summaryOff")
          : t("summaryOn", {
              who: policy.requirement === "EVERYONE" ? "everyone" : "admins",
              since: since ? format.dateTime(since, { dateStyle: "medium", timeStyle: "short" }) : "—",
              days: policy.graceDays,
            })}
      </p>
      <p className="text-sm">{t("graceExplained")}</p>
      <PolicyForm
        current={policy}
        maxGraceDays={maxGraceDays}
        reauthentication={await reauthenticationField(session)}
        labels={{
          legend: t("legend"),
          options: { OFF: t("off"), ADMINS: t("admins"), EVERYONE: t("everyone") },
          graceDays: t("graceDays"),
          graceDaysHint: t("graceDaysHint", { max: maxGraceDays }),
          passkeysOnly: t("passkeysOnly"),
          passkeysOnlyHint: t("passkeysOnlyHint"),
          save: t("save"),
          working: common("working"),
        }}
      />
    </div>
  );
}
