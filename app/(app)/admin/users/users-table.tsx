import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { UserSummary } from "@/lib/admin/user-summary";
import { AdminTable } from "../admin-table";
import { secondFactorsText } from "./second-factors";

export async function UsersTable({ users }: { users: UserSummary[] }) {
  const t = await getTranslations("admin.users");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  if (users.length === 0) return <p>{t("none")}</p>;
  const headings = [t("email"), t("role"), t("created"), t("twoFactor"), t("factors"), t("backupCodesLeft"), t("lastSignIn"), t("locked")];
  return (
    <AdminTable caption={t("title")} headings={headings}>
      {users.map((user) => (
        <tr key={user.id} className="border-b border-zinc-200 dark:border-zinc-800">
          <th scope="row" className="py-2 pr-3 font-normal break-all">
            <Link href={`/admin/users/${user.id}`} className="text-blue-700 underline dark:text-blue-400">
              {user.email}
            </Link>
          </th>
          <td className="py-2 pr-3">{user.role === "ADMIN" ? t("roleAdmin") : t("roleUser")}</td>
          <td className="py-2 pr-3 whitespace-nowrap">{when(user.createdAt)}</td>
          <td className="py-2 pr-3">{user.twoFactorEnabled ? t("on") : t("off")}</td>
          <td className="py-2 pr-3">{secondFactorsText(user, t)}</td>
          <td className="py-2 pr-3">{user.twoFactorEnabled ? user.backupCodesLeft : "—"}</td>
          <td className="py-2 pr-3 whitespace-nowrap">{user.lastSignInAt ? when(user.lastSignInAt) : t("never")}</td>
          <td className="py-2">{user.lockedUntil ? t("lockedYes") : t("notLocked")}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
