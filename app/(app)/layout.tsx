import type { ReactNode } from "react";
import { MainMenu } from "@/components/main-menu";
import { SiteHeader } from "@/components/site-header";
import { getTwoFactorPolicyStatus, requireActiveSessionAllowingSetup } from "@/server/session";
import { TwoFactorPolicyBanner } from "@/components/two-factor-policy-banner";

/** Every signed-in page: the main menu at the top right. Each page checks the session itself too. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  // The setup screen renders inside this layout too: the pages themselves send a user the
  // two-factor policy blocks to it (requireActiveSession); here the banner says why.
  const session = await requireActiveSessionAllowingSetup();
  const policyStatus = await getTwoFactorPolicyStatus(session.user.id);
  return (
    <>
      <SiteHeader>
        <MainMenu email={session.user.email} role={session.user.role} />
      </SiteHeader>
      <main id="content" className="mx-auto w-full max-w-3xl px-4 py-8">
        <TwoFactorPolicyBanner status={policyStatus} />
        {children}
      </main>
    </>
  );
}
