import { describe, expect, it } from "vitest";
import { resolveLocale } from "./resolve-locale";

const resolve = (acceptLanguage: string | null, cookieLocale?: string, defaultLocale: "ja" | "en" = "ja") =>
  resolveLocale({ cookieLocale, acceptLanguage, defaultLocale });

describe("resolveLocale", () => {
  it("lets the switcher's cookie win over Accept-Language and the default", () => {
    expect(resolve("ja", "en")).toBe("en");
    expect(resolve("en-US,en;q=0.9", "ja", "en")).toBe("ja");
    expect(resolve(null, "en")).toBe("en");
  });

  it("ignores a cookie that is not a supported locale", () => {
    expect(resolve("en", "fr")).toBe("en");
    expect(resolve("en", "EN")).toBe("en");
    expect(resolve(null, "", "en")).toBe("en");
    expect(resolve(null, "de", "ja")).toBe("ja");
  });

  it("takes the supported language of highest quality, not the first listed", () => {
    expect(resolve("fr, en;q=0.8, ja;q=0.9", undefined, "en")).toBe("ja");
    expect(resolve("en;q=0.5, ja;q=0.6")).toBe("ja");
    expect(resolve("ja;q=0.5, en")).toBe("en");
  });

  it("keeps the listed order between equal qualities", () => {
    expect(resolve("en, ja")).toBe("en");
    expect(resolve("ja, en", undefined, "en")).toBe("ja");
    expect(resolve("en;q=0.7, ja;q=0.7")).toBe("en");
  });

  it("matches region and script tags to their language, whatever the case", () => {
    expect(resolve("en-US")).toBe("en");
    expect(resolve("EN-gb,ja;q=0.1")).toBe("en");
    expect(resolve("ja-JP", undefined, "en")).toBe("ja");
    expect(resolve("zh-Hant-TW, en-US;q=0.3")).toBe("en");
  });

  it("ignores languages with q=0", () => {
    expect(resolve("en;q=0, ja;q=0.1", undefined, "en")).toBe("ja");
    expect(resolve("en;q=0", undefined, "ja")).toBe("ja");
    expect(resolve("ja;q=0.0, en;q=0.000", undefined, "en")).toBe("en");
  });

  it("falls back to the default for a missing, empty, unsupported or garbage header", () => {
    for (const defaultLocale of ["ja", "en"] as const) {
      for (const header of [null, "", "*", "fr, de;q=0.9", ";;;,,,", "q=1", "en;q=abc", "\u0000\u00ff", "x".repeat(10_000)]) {
        expect(resolve(header, undefined, defaultLocale), JSON.stringify(header?.slice(0, 20))).toBe(defaultLocale);
      }
    }
  });
});
