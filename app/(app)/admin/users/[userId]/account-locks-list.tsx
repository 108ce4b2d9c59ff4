import { getFormatter, getTranslations } from "next-intl/server";
import type { AccountLocks } from "@/lib/admin/account-locks";

/** Each lock on the account with its end, so the admin knows what Unlock lifts. */
export async function AccountLocksList({ locks }: { locks: AccountLocks }) {
  const t = await getTranslations("admin.user.locks");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const lines = [
    locks.passwordUntrustedUntil && t("passwordUntrusted", { until: when(locks.passwordUntrustedUntil) }),
    locks.passwordDevicesUntil && t("passwordDevices", { count: locks.passwordDevicesLocked, until: when(locks.passwordDevicesUntil) }),
    locks.codeStepUntil && t("codeStep", { until: when(locks.codeStepUntil) }),
  ].filter((line): line is string => Boolean(line));
  return (
    <ul className="list-disc pl-6" data-testid="account-locks">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
