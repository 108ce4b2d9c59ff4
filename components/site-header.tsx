import Link from "next/link";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/env";
import { LanguageSwitcher } from "./language-switcher";

export function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          {getConfig().appName}
        </Link>
        <div className="flex items-center gap-3">
          <LanguageSwitcher />
          {children}
        </div>
      </div>
    </header>
  );
}
