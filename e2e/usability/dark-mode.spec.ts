import { expect, type Page, test } from "@playwright/test";
import { signUp } from "../support/flows";
import { labelsFor } from "../support/labels";

// Issue 7.6: the pages follow prefers-color-scheme — dark background and light text in dark.

/** Relative luminance (WCAG) of 8-bit sRGB channels, 0 black … 1 white. */
function luminance([r, g, b]: number[]): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The body's background and the heading's text colour, as sRGB (Tailwind 4 computes oklch(): a canvas converts it). */
async function pageColours(page: Page) {
  const { background, text } = await page.evaluate(() => {
    const toRgb = (color: string) => {
      const context = document.createElement("canvas").getContext("2d")!;
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    return {
      background: toRgb(getComputedStyle(document.body).backgroundColor),
      text: toRgb(getComputedStyle(document.querySelector("main h1") ?? document.body).color),
    };
  });
  return { background: luminance(background), text: luminance(text) };
}

test("every kind of page is dark in dark mode and light in light mode", async ({ page }, testInfo) => {
  const l = labelsFor(testInfo);
  await signUp(page, l);
  for (const path of ["/login", "/settings", "/settings/two-factor"]) {
    if (path === "/login") await page.context().clearCookies();
    await page.goto(path);
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await pageColours(page);
    expect(dark.background, `${path} background in dark mode`).toBeLessThan(0.1);
    expect(dark.text, `${path} text in dark mode`).toBeGreaterThan(0.5);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await pageColours(page);
    expect(light.background, `${path} background in light mode`).toBeGreaterThan(0.8);
    expect(light.text, `${path} text in light mode`).toBeLessThan(0.2);
  }
});
