import { expect, type Locator, type Page } from "@playwright/test";

// Tab, Enter and Space alone (the keyboard-en / keyboard-ja projects): reaching a control as a
// keyboard user would, and checking that it shows where the focus is.
const maxTabStops = 60;

/** The focused element draws a ring (issue 7.1): an outline or a box shadow that is not "none". */
export async function expectVisibleFocusRing(target: Locator) {
  const ring = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return { outline, boxShadow: style.boxShadow !== "none", focusVisible: element.matches(":focus-visible") };
  });
  expect(ring.focusVisible, `${target} is :focus-visible`).toBe(true);
  expect(ring.outline || ring.boxShadow, `${target} shows a focus ring`).toBe(true);
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
export async function tabTo(page: Page, target: Locator) {
  for (let stop = 0; stop < maxTabStops; stop += 1) {
    // A short wait per stop: a target that is not on the page fails the test with its name,
    // instead of waiting for the test's whole timeout.
    if (await target.evaluate((element) => element === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false)) {
      await expectVisibleFocusRing(target);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

export async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}
