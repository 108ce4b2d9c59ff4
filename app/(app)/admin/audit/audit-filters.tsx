import { getTranslations } from "next-intl/server";
import { adminAuditActions } from "@/lib/admin/audit-log";
import { FilterField, FilterForm, filterFieldClass } from "../filter-form";

export async function AuditFilters({ action, admin, target }: { action: string; admin: string; target: string }) {
  const t = await getTranslations("admin.audit");
  const actions = await getTranslations("admin.auditActions");
  return (
    <FilterForm action="/admin/audit" label={t("filters")} submit={t("filter")}>
      <FilterField id="audit-action" label={t("action")} name="action" defaultValue={action}>
        <select id="audit-action" name="action" defaultValue={action} className={filterFieldClass}>
          <option value="">{t("allActions")}</option>
          {adminAuditActions.map((name) => (
            <option key={name} value={name}>
              {actions(name)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-admin" label={t("adminEmail")} name="admin" defaultValue={admin} />
      <FilterField id="audit-target" label={t("targetEmail")} name="target" defaultValue={target} />
    </FilterForm>
  );
}
