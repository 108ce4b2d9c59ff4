import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { listUsers, userSearchMaxLength } from "@/lib/admin/list-users";
import { AdminNav } from "../admin-nav";
import { Pager } from "../pager";
import { requireAdmin } from "@/server/session";
import { UserSearch } from "./user-search";
import { UsersTable } from "./users-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

/** `?q=&role=&page=`; anything malformed counts as absent. */
const userListParamsSchema = z.object({
  q: z.string().max(userSearchMaxLength).optional().catch(undefined),
  role: z.enum(["admin", "user"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const params = userListParamsSchema.parse(await searchParams);
  const t = await getTranslations("admin.users");
  const list = await listUsers({ query: params.q, role: params.role === "admin" ? "ADMIN" : params.role === "user" ? "USER" : undefined, page: params.page });
  return (
    <div className="flex flex-col gap-6">
      <AdminNav current="users" />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <UserSearch query={params.q ?? ""} role={params.role ?? ""} />
      <p role="status" data-testid="user-count">
        {t("count", { count: list.total })}
      </p>
      <UsersTable users={list.users} />
      <Pager path="/admin/users" page={list.page} pageCount={list.pageCount} params={{ q: params.q, role: params.role }} />
    </div>
  );
}
