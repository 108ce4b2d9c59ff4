import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TwoFactorPolicyStatus } from "@/lib/admin/two-factor-policy";

/**
 * Shown above every signed-in page while the admin's policy asks this user to turn on
 * two-factor authentication: a countdown during the grace period, then the reason the user
 * can reach nothing but the setup screen (ADR 0007).
 */
export async function TwoFactorPolicyBanner({ status }: { status: TwoFactorPolicyStatus }) {
  if (status.state !== "grace" && status.state !== "setup_required" && status.state !== "passkey_required") return null;
  const t = await getTranslations("admin.policyBanner");
  const format = await getFormatter();
  const deadline = status.state === "passkey_required" ? "" : format.dateTime(status.deadline, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div
      role="status"
      data-testid="two-factor-policy-banner"
      className="mb-8 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      {status.state === "grace" ? (
        <p>
          {t("grace", { days: status.daysLeft, deadline })}{" "}
          <Link href="/settings/two-factor" className="font-semibold underline">
            {t("setUpNow")}
          </Link>
        </p>
      ) : (
        <p>{status.state === "passkey_required" ? t("passkeyRequired") : t("required")}</p>
      )}
    </div>
  );
}
