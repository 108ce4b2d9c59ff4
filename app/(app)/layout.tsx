import type { ReactNode } from "react";
import { MainMenu } from "@/components/main-menu";
import { SiteHeader } from "@/components/site-header";
import { getTwoFactorPolicyStatus, requireActiveSessionAllowingSetup } from "@/server/session";
import { TwoFactorPolicyBanner } from "@/components/two-factor-policy-banner";
import { CommonPasswordBanner } from "@/components/common-password-banner";
import { isPasswordChangeRequested } from "@/lib/auth/password-change-requested";

/** Every signed-in page: the main menu at the top right. Each page checks the session itself too. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  // The setup screen renders inside this layout too: the pages themselves send a user the
  // two-factor policy blocks to it (requireActiveSession); here the banner says why.
  const session = await requireActiveSessionAllowingSetup();
  const [policyStatus, passwordChangeRequested] = await Promise.all([
    getTwoFactorPolicyStatus(session.user.id),
    isPasswordChangeRequested({ userId: session.user.id }),
  ]);
  return (
    <>
      <SiteHeader>
        <MainMenu email={session.user.email} role={session.user.role} />
      </SiteHeader>
      <main id="content" className="mx-auto w-full max-w-3xl px-4 py-8">
        <CommonPasswordBanner shown={passwordChangeRequested} />
        <TwoFactorPolicyBanner status={policyStatus} />
        {children}
      </main>
    </>
  );
}
