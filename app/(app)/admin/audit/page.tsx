import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { adminAuditActions } from "@/lib/admin/audit-log";
import { listAuditEntries } from "@/lib/admin/list-audit-entries";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { AdminNav } from "../admin-nav";
import { Pager } from "../pager";
import { requireAdmin } from "@/server/session";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

/** `?action=&admin=&target=&page=`; anything malformed counts as absent. */
const auditParamsSchema = z.object({
  action: z.enum(adminAuditActions).optional().catch(undefined),
  admin: z.string().max(emailMaxLength).optional().catch(undefined),
  target: z.string().max(emailMaxLength).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** Read-only: nothing on this page changes or deletes an entry. */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const params = auditParamsSchema.parse(await searchParams);
  const t = await getTranslations("admin.audit");
  const log = await listAuditEntries({ action: params.action, actorEmail: params.admin, targetEmail: params.target, page: params.page });
  return (
    <div className="flex flex-col gap-6">
      <AdminNav current="audit" />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <AuditFilters action={params.action ?? ""} admin={params.admin ?? ""} target={params.target ?? ""} />
      <p role="status" data-testid="audit-count">
        {t("count", { count: log.total })}
      </p>
      <AuditTable entries={log.entries} />
      <Pager path="/admin/audit" page={log.page} pageCount={log.pageCount} params={{ action: params.action, admin: params.admin, target: params.target }} />
    </div>
  );
}
