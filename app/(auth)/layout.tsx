import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";

/** The pages before sign-in: no main menu, a narrow centred column. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="content" className="mx-auto w-full max-w-md px-4 py-10">
        {children}
      </main>
    </>
  );
}
