import { type Locale, supportedLocales } from "./locales";

function isLocale(value: string | undefined): value is Locale {
  return supportedLocales.includes(value as Locale);
}

/**
 * The language of a request: the switcher's cookie first, then the first supported
 * language of Accept-Language by quality (RFC 9110 §12.5.4), then the admin's default.
 */
export function resolveLocale(options: {
  cookieLocale: string | undefined;
  acceptLanguage: string | null;
  defaultLocale: Locale;
}): Locale {
  if (isLocale(options.cookieLocale)) return options.cookieLocale;
  const ranges = (options.acceptLanguage ?? "")
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag, ...parameters] = part.trim().split(";");
      const qualityParameter = parameters.find((parameter) => parameter.trim().startsWith("q="));
      const quality = qualityParameter ? Number(qualityParameter.trim().slice(2)) : 1;
      return { language: tag.toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((range) => range.language).find(isLocale) ?? options.defaultLocale;
}
