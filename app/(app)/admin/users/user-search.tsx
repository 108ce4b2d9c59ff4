import { getTranslations } from "next-intl/server";
import { FilterField, FilterForm, filterFieldClass } from "../filter-form";

export async function UserSearch({ query, role }: { query: string; role: string }) {
  const t = await getTranslations("admin.users");
  return (
    <FilterForm action="/admin/users" submit={t("searchButton")}>
      <FilterField id="user-search" label={t("search")} name="q" defaultValue={query} />
      <FilterField id="user-role" label={t("role")} name="role" defaultValue={role}>
        <select id="user-role" name="role" defaultValue={role} className={filterFieldClass}>
          <option value="">{t("allRoles")}</option>
          <option value="admin">{t("roleAdmin")}</option>
          <option value="user">{t("roleUser")}</option>
        </select>
      </FilterField>
    </FilterForm>
  );
}
