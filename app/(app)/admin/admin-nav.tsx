import Link from "next/link";
import { getTranslations } from "next-intl/server";

const sections = [
  { href: "/admin", key: "overview" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/policy", key: "policy" },
  { href: "/admin/audit", key: "audit" },
] as const;

export async function AdminNav({ current }: { current: (typeof sections)[number]["key"] }) {
  const t = await getTranslations("admin.nav");
  return (
    <nav aria-label={t("label")} className="border-b border-zinc-200 pb-3 dark:border-zinc-800">
      <ul className="flex flex-wrap gap-1 text-sm">
        {sections.map((section) => (
          <li key={section.key}>
            <Link
              href={section.href}
              aria-current={section.key === current ? "page" : undefined}
              className="block rounded-md px-3 py-1.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
            >
              {t(section.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
