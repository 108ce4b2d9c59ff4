import { getLocale, getTranslations } from "next-intl/server";
import { switchLanguage } from "@/server/actions";

const languageNames = { ja: "日本語", en: "English" } as const;

/** A plain form, so switching works without JavaScript; the choice is kept in a cookie. */
export async function LanguageSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <form action={switchLanguage} className="flex items-center gap-1 text-sm" aria-label={t("language")}>
      {(Object.keys(languageNames) as (keyof typeof languageNames)[]).map((code) => (
        <button
          key={code}
          name="locale"
          value={code}
          lang={code}
          aria-current={code === locale ? "true" : undefined}
          className="rounded px-2 py-1 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-[current]:font-semibold aria-[current]:no-underline"
        >
          {languageNames[code]}
        </button>
      ))}
    </form>
  );
}
