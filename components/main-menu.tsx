import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { logOut } from "@/server/actions";
import { ClosePopoverOnNavigation } from "./close-popover-on-navigation";

/**
 * The help page's "Main menu" at the top right. A native popover: it opens, closes with
 * Escape and works without JavaScript.
 */
export async function MainMenu({ email, role }: { email: string; role: "USER" | "ADMIN" }) {
  const t = await getTranslations("common");
  const admin = await getTranslations("admin");
  const itemClass =
    "block w-full rounded px-3 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800";
  return (
    <>
      <ClosePopoverOnNavigation popoverId="main-menu" />
      <button
        type="button"
        popoverTarget="main-menu"
        className="main-menu-button rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-600 dark:hover:bg-zinc-800"
      >
        {t("mainMenu")}
      </button>
      <div
        id="main-menu"
        popover="auto"
        className="menu-popover w-60 rounded-lg border border-zinc-200 bg-white p-2 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <p className="truncate px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400">{email}</p>
        {/* A full page load on purpose: it always closes the menu (a client-side navigation kept it open). */}
        <a href="/settings" className={itemClass}>
          {t("personalSettings")}
        </a>
        {role === "ADMIN" && (
          <Link href="/admin" className={itemClass}>
            {admin("menuLink")}
          </Link>
        )}
        <form action={logOut}>
          <button className={itemClass}>{t("logOut")}</button>
        </form>
      </div>
    </>
  );
}
