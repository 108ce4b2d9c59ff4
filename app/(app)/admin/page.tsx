import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { countSignInsByDay } from "@/lib/admin/count-sign-ins-by-day";
import { getAdminOverview } from "@/lib/admin/get-admin-overview";
import { lowBackupCodesThreshold } from "@/lib/two-factor/backup-codes";
import { AdminNav } from "./admin-nav";
import { RecentLockouts } from "./recent-lockouts";
import { requireAdmin } from "@/server/session";
import { SignInsChart } from "./sign-ins-chart";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminOverviewPage() {
  await requireAdmin();
  const t = await getTranslations("admin.overview");
  const admin = await getTranslations("admin");
  const [overview, signIns] = await Promise.all([getAdminOverview(), countSignInsByDay()]);
  const stats = [
    { key: "users", label: t("users"), value: String(overview.userCount) },
    { key: "two-factor", label: t("withTwoFactor"), value: t("ofUsers", { count: overview.twoFactorCount, total: overview.userCount }) },
    { key: "low-codes", label: t("lowBackupCodes", { threshold: lowBackupCodesThreshold }), value: String(overview.lowBackupCodesCount) },
  ];
  return (
    <div className="flex flex-col gap-8">
      <AdminNav current="overview" />
      <h1 className="text-2xl font-bold">{admin("title")}</h1>
      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((stat) => (
          <div key={stat.key} className="rounded-lg border border-zinc-300 p-4 dark:border-zinc-700" data-testid={`stat-${stat.key}`}>
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{stat.label}</dt>
            <dd className="text-2xl font-semibold">{stat.value}</dd>
          </div>
        ))}
      </dl>
      <RecentLockouts lockouts={overview.recentLockouts} />
      <SignInsChart days={signIns} />
    </div>
  );
}
