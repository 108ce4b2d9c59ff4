import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ensurePendingSetup } from "@/lib/two-factor/ensure-pending-setup";
import { getConfig } from "@/lib/env";
import { getTwoFactorStatus } from "@/lib/two-factor/get-two-factor-status";
import { reauthenticationField } from "@/server/reauthentication-field";
import { requireActiveSessionAllowingSetup } from "@/server/session";
import { EnabledTwoFactor } from "./enabled-two-factor";
import { PasskeysSection } from "./passkeys-section";
import { SetupTwoFactor } from "./setup-two-factor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("twoFactor"))("title") };
}

type SearchParams = Promise<{ enabled?: string; disabled?: string; downloadError?: string; passkey?: string; app?: string }>;

export default async function TwoFactorSettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireActiveSessionAllowingSetup();
  const { enabled, disabled, downloadError, passkey, app } = await searchParams;
  const status = await getTwoFactorStatus({ userId: session.user.id });
  // Disabling and new backup codes ask for the second factor too (ADR 0013).
  const reauthentication = await reauthenticationField(session, { askSecondFactor: true });
  const pending = status.enabled
    ? null
    : await ensurePendingSetup({ userId: session.user.id, sessionId: session.sessionId, keyring: getConfig().totpKeyring });
  const passkeys = (
    <PasskeysSection
      session={session}
      status={status}
      removeReauthentication={reauthentication}
      describedBy={reauthentication && status.enabled ? "reauthentication-notice" : undefined}
      // Enabled: the notice above the forms; setup: the hint under the setup form's password (id "password-hint").
      addDescribedBy={status.enabled ? "reauthentication-notice" : "password-hint"}
      notice={passkey === "added" || passkey === "removed" || passkey === "renamed" ? passkey : undefined}
    />
  );
  if (!pending) return (
      <EnabledTwoFactor
        status={status}
        justEnabled={enabled === "1"}
        appAdded={app === "added"}
        downloadError={downloadError === "password" || downloadError === "failed" ? downloadError : undefined}
        reauthentication={reauthentication}
        passkeys={passkeys}
      />
    );
  return (
    <SetupTwoFactor email={session.user.email} secret={pending.secret} justDisabled={disabled === "1"} reauthentication={reauthentication} passkeys={passkeys} />
  );
}
