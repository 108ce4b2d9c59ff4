import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { requireActiveSession } from "@/server/session";
import { OtherSessions } from "./other-sessions";
import { SecurityActivity } from "./security-activity";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

const secondaryLinkClass =
  "inline-block rounded-md border border-zinc-400 px-4 py-2 font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800";

export default async function PersonalSettingsPage({ searchParams }: { searchParams: Promise<{ sessionsEnded?: string; passwordChanged?: string }> }) {
  const session = await requireActiveSession();
  const { sessionsEnded, passwordChanged } = await searchParams;
  const t = await getTranslations("settings");
  const status = await getTwoFactorStatus({ userId: session.user.id });
  return (
    <div className="flex flex-col gap-10">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {passwordChanged === "1" && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("passwordChanged")}
        </p>
      )}
      <section aria-labelledby="account-heading" className="flex flex-col gap-2">
        <h2 id="account-heading" className="text-xl font-semibold">{t("account")}</h2>
        <p data-testid="account-email">{session.user.email}</p>
        <p>
          <Link href="/settings/email" className={secondaryLinkClass}>
            {t("changeEmail")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="password-heading" className="flex flex-col gap-2">
        <h2 id="password-heading" className="text-xl font-semibold">{t("passwordHeading")}</h2>
        <p>{t("passwordIntro")}</p>
        <p>
          <Link href="/settings/password" className={secondaryLinkClass}>
            {t("changePassword")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="two-factor-heading" className="flex flex-col gap-3">
        <h2 id="two-factor-heading" className="text-xl font-semibold">{t("twoFactorHeading")}</h2>
        <p>{t("twoFactorIntro")}</p>
        <p>
          {t("status")}:{" "}
          <strong data-testid="two-factor-status">{status.enabled ? t("enabled") : t("disabled")}</strong>
        </p>
        <p>
          <Link
            href="/settings/two-factor"
            className="inline-block rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {t("setUpTwoFactor")}
          </Link>
        </p>
      </section>
      <OtherSessions session={session} justEnded={sessionsEnded === "1"} />
      <SecurityActivity userId={session.user.id} />
    </div>
  );
}
