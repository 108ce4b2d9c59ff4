import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getUserDetails } from "@/lib/admin/get-user-details";
import { reauthenticationField } from "@/server/reauthentication-field";
import { AdminNav } from "../../admin-nav";
import { requireAdmin } from "@/server/session";
import { UserActions } from "./user-actions";
import { UserFacts } from "./user-facts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.user"))("title") };
}

const notices = ["role_granted", "role_revoked", "two_factor_reset", "account_unlocked", "password_reset_sent"] as const;
type Notice = (typeof notices)[number];

type UserPageProps = { params: Promise<{ userId: string }>; searchParams: Promise<{ done?: string }> };

export default async function AdminUserPage({ params, searchParams }: UserPageProps) {
  const session = await requireAdmin();
  const [{ userId }, { done }] = await Promise.all([params, searchParams]);
  const user = await getUserDetails({ userId });
  if (!user) notFound();
  const t = await getTranslations("admin.user");
  const notice = notices.find((candidate): candidate is Notice => candidate === done);
  return (
    <div className="flex flex-col gap-8">
      <AdminNav current="users" />
      {notice && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t(`notices.${notice}`)}
        </p>
      )}
      <h1 className="text-2xl font-bold break-all">{user.email}</h1>
      <UserFacts user={user} />
      <UserActions user={user} isSelf={user.id === session.user.id} reauthentication={await reauthenticationField(session)} />
      <p>
        <Link href={`/admin/audit?target=${encodeURIComponent(user.email)}`} className="text-blue-700 underline dark:text-blue-400">
          {t("auditLink")}
        </Link>
      </p>
    </div>
  );
}
