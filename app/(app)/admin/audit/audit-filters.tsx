import { getTranslations } from "next-intl/server";
import { adminAuditActions } from "@/lib/admin/audit-log";
import { emailMaxLength } from "@/lib/input/normalize-email";

const fieldClass =
  "rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100";

export async function AuditFilters({ action, admin, target }: { action: string; admin: string; target: string }) {
  const t = await getTranslations("admin.audit");
  const actions = await getTranslations("admin.auditActions");
  return (
    <form method="get" action="/admin/audit" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-action" className="text-sm font-medium">
          {t("action")}
        </label>
        <select id="audit-action" name="action" defaultValue={action} className={fieldClass}>
          <option value="">{t("allActions")}</option>
          {adminAuditActions.map((name) => (
            <option key={name} value={name}>
              {actions(name)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-admin" className="text-sm font-medium">
          {t("adminEmail")}
        </label>
        <input id="audit-admin" name="admin" type="search" defaultValue={admin} maxLength={emailMaxLength} className={fieldClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-target" className="text-sm font-medium">
          {t("targetEmail")}
        </label>
        <input id="audit-target" name="target" type="search" defaultValue={target} maxLength={emailMaxLength} className={fieldClass} />
      </div>
      <button className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        {t("filter")}
      </button>
    </form>
  );
}
