import type { ReactNode } from "react";
import { MainMenu } from "@/components/main-menu";
import { SiteHeader } from "@/components/site-header";
import { requireActiveSession } from "@/server/session";

/** Every signed-in page: the main menu at the top right. Each page checks the session itself too. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await requireActiveSession();
  return (
    <>
      <SiteHeader>
        <MainMenu email={session.user.email} />
      </SiteHeader>
      <main id="content" className="mx-auto w-full max-w-3xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
