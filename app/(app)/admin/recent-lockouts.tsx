import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { type AdminOverview, recentLockoutDays } from "@/lib/admin/get-admin-overview";

export async function RecentLockouts({ lockouts }: { lockouts: AdminOverview["recentLockouts"] }) {
  const t = await getTranslations("admin.overview");
  const format = await getFormatter();
  return (
    <section aria-labelledby="lockouts-heading" className="flex flex-col gap-3">
      <h2 id="lockouts-heading" className="text-xl font-semibold">
        {t("lockoutsHeading", { days: recentLockoutDays })}
      </h2>
      {lockouts.length === 0 ? (
        <p>{t("noLockouts")}</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="recent-lockouts">
          <thead className="border-b border-zinc-300 dark:border-zinc-700">
            <tr>
              <th scope="col" className="py-2 pr-3">{t("lockedAt")}</th>
              <th scope="col" className="py-2 pr-3">{t("user")}</th>
              <th scope="col" className="py-2">{t("stillLocked")}</th>
            </tr>
          </thead>
          <tbody>
            {lockouts.map((lockout) => (
              <tr key={lockout.id} className="border-b border-zinc-200 dark:border-zinc-800">
                <td className="py-2 pr-3 whitespace-nowrap">{format.dateTime(lockout.lockedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                <td className="py-2 pr-3 break-all">
                  {lockout.userId && lockout.email ? (
                    <Link href={`/admin/users/${lockout.userId}`} className="text-blue-700 underline dark:text-blue-400">
                      {lockout.email}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-2">{lockout.stillLocked ? t("yes") : t("no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
