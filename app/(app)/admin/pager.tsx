import Link from "next/link";
import { getTranslations } from "next-intl/server";

type PagerProps = {
  page: number;
  pageCount: number;
  /** The list's other query parameters (search, filters), kept on every page link. */
  params: Record<string, string | undefined>;
  path: string;
};

function hrefFor({ path, params, page }: { path: string; params: PagerProps["params"]; page: number }): string {
  const search = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value ? [[key, value]] : [])));
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** "Previous · Page 2 of 5 · Next" as plain links, so paging works without JavaScript. */
export async function Pager({ page, pageCount, params, path }: PagerProps) {
  const t = await getTranslations("admin.pager");
  if (pageCount <= 1) return null;
  const linkClass = "rounded-md border border-zinc-400 px-3 py-1.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800";
  return (
    <nav aria-label={t("label")} className="flex items-center gap-3 text-sm">
      {page > 1 && (
        <Link href={hrefFor({ path, params, page: page - 1 })} rel="prev" className={linkClass}>
          {t("previous")}
        </Link>
      )}
      <span>{t("pageOf", { page, pageCount })}</span>
      {page < pageCount && (
        <Link href={hrefFor({ path, params, page: page + 1 })} rel="next" className={linkClass}>
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
