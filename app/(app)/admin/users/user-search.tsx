import { getTranslations } from "next-intl/server";
import { userSearchMaxLength } from "@/lib/admin/list-users";

const fieldClass =
  "rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100";

/** A GET form: the search is in the address, so it can be bookmarked and paged. */
export async function UserSearch({ query, role }: { query: string; role: string }) {
  const t = await getTranslations("admin.users");
  return (
    <form method="get" action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="user-search" className="text-sm font-medium">
          {t("search")}
        </label>
        <input id="user-search" name="q" type="search" defaultValue={query} maxLength={userSearchMaxLength} className={fieldClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="user-role" className="text-sm font-medium">
          {t("role")}
        </label>
        <select id="user-role" name="role" defaultValue={role} className={fieldClass}>
          <option value="">{t("allRoles")}</option>
          <option value="admin">{t("roleAdmin")}</option>
          <option value="user">{t("roleUser")}</option>
        </select>
      </div>
      <button className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        {t("searchButton")}
      </button>
    </form>
  );
}
