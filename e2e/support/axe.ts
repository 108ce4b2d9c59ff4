import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Issue 7.1: zero WCAG 2.2 A/AA violations, in light and in dark.
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export async function expectNoViolations(page: Page, screen: string) {
  // Next.js streams a page's <title> after its body: after a server action re-renders the
  // page, the title can arrive a moment after the content. Scan once the page is complete,
  // as a reader (and a screen reader's window list) sees it.
  await expect(page, `${screen}: the page has a title`).toHaveTitle(/\S/);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
    const summary = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
    expect(summary, `${screen} (${colorScheme})`).toEqual([]);
  }
}
