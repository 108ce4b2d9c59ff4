import { getFormatter, getTranslations } from "next-intl/server";
import { adminAuditActions, type AdminAuditAction } from "@/lib/admin/audit-log";
import type { AuditEntry } from "@/lib/admin/list-audit-entries";
import { twoFactorRequirements, type TwoFactorRequirement } from "@/lib/admin/two-factor-policy";
import { AdminTable } from "../admin-table";

type PolicyValues = { requirement: TwoFactorRequirement; graceDays: number };

function isPolicyValues(value: unknown): value is PolicyValues {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return twoFactorRequirements.includes(candidate.requirement as TwoFactorRequirement) && typeof candidate.graceDays === "number";
}

export async function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = await getTranslations("admin.audit");
  const actions = await getTranslations("admin.auditActions");
  const policy = await getTranslations("admin.policy");
  const format = await getFormatter();
  if (entries.length === 0) return <p>{t("none")}</p>;
  const requirementName = { OFF: policy("off"), ADMINS: policy("admins"), EVERYONE: policy("everyone") };
  const describe = (values: PolicyValues) => t("policyValues", { requirement: requirementName[values.requirement], days: values.graceDays });
  const detailsOf = (entry: AuditEntry) => {
    const details = entry.details as { from?: unknown; to?: unknown } | null;
    if (entry.action !== "policy_changed" || !isPolicyValues(details?.from) || !isPolicyValues(details?.to)) return "";
    return `${describe(details.from)} → ${describe(details.to)}`;
  };
  const headings = [t("when"), t("admin"), t("action"), t("target"), t("reason"), t("details"), t("address")];
  return (
    <AdminTable caption={t("title")} headings={headings} testId="audit-table">
      {entries.map((entry) => (
        <tr key={entry.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
          <td className="py-2 pr-3 whitespace-nowrap">{format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</td>
          <td className="py-2 pr-3 break-all">{entry.actorEmail}</td>
          <td className="py-2 pr-3">
            {adminAuditActions.includes(entry.action as AdminAuditAction) ? actions(entry.action as AdminAuditAction) : entry.action}
          </td>
          <td className="py-2 pr-3 break-all">{entry.targetEmail ?? "—"}</td>
          <td className="py-2 pr-3 whitespace-pre-wrap">{entry.reason ?? "—"}</td>
          <td className="py-2 pr-3">{detailsOf(entry) || "—"}</td>
          <td className="py-2">{entry.ip ?? t("unknown")}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
