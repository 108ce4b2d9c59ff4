import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/env";
import { ensurePendingSetup } from "@/lib/two-factor/ensure-pending-setup";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { reauthenticationField } from "@/server/reauthentication-field";
import { requireActiveSessionAllowingSetup } from "@/server/session";
import { AuthenticatorAppSetup } from "../authenticator-app-setup";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("authenticatorApp"))("title") };
}

/**
 * A passkey-only account adds an authenticator app: the setup screen's three steps, without
 * turning anything off or on (issue 17). With two-factor authentication off, or an app already
 * there, the two-factor screen is the place.
 */
export default async function AddAuthenticatorAppPage() {
  const session = await requireActiveSessionAllowingSetup();
  const status = await getTwoFactorStatus({ userId: session.user.id });
  if (!status.enabled || status.authenticatorApp) redirect("/settings/two-factor");
  const pending = await ensurePendingSetup({ userId: session.user.id, sessionId: session.sessionId, keyring: getConfig().totpKeyring });
  if (!pending) redirect("/settings/two-factor");
  const t = await getTranslations("authenticatorApp");
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <AuthenticatorAppSetup email={session.user.email} secret={pending.secret} reauthentication={await reauthenticationField(session)} />
      <Link href="/settings/two-factor" className="text-blue-700 underline dark:text-blue-400">
        {t("back")}
      </Link>
    </div>
  );
}
