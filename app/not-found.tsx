import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <>
      <SiteHeader />
      <main id="content" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
        <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
        <Link href="/" className="text-blue-700 underline dark:text-blue-400">
          {t("backToStart")}
        </Link>
      </main>
    </>
  );
}
