import { getFormatter, getTranslations } from "next-intl/server";
import type { UserDetails } from "@/lib/admin/get-user-details";
import { secondFactorsText } from "../second-factors";

export async function UserFacts({ user }: { user: UserDetails }) {
  const t = await getTranslations("admin.user");
  const columns = await getTranslations("admin.users");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const facts: [string, string][] = [
    [columns("role"), user.role === "ADMIN" ? columns("roleAdmin") : columns("roleUser")],
    [columns("created"), when(user.createdAt)],
    [columns("lastSignIn"), user.lastSignInAt ? when(user.lastSignInAt) : columns("never")],
    [t("emailConfirmed"), user.emailConfirmedAt ? when(user.emailConfirmedAt) : t("emailNotConfirmed")],
    [t("passwordChanged"), user.passwordChangedAt ? when(user.passwordChangedAt) : t("passwordNeverChanged")],
    [columns("twoFactor"), user.twoFactorEnabled ? columns("on") : columns("off")],
    [columns("factors"), secondFactorsText(user, columns)],
    [columns("backupCodesLeft"), user.twoFactorEnabled ? String(user.backupCodesLeft) : "—"],
    [columns("locked"), user.lockedUntil ? t("lockedUntil", { until: when(user.lockedUntil) }) : columns("notLocked")],
    [t("activeSessions"), String(user.activeSessionCount)],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2" data-testid="user-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
