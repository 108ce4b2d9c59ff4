import { expect, type Locator, type Page } from "@playwright/test";

/** How many lines `text` takes inside `container` as laid out now (a Range over it, its line boxes' tops). */
export async function linesTakenBy(container: Locator, text: string): Promise<number> {
  return container.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const whole = nodes.map((node) => node.data).join("");
    const start = whole.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not in ${whole}`);
    // From an offset in the joined text to its text node and the offset inside it.
    const locate = (offset: number): [Text, number] => {
      let seen = 0;
      for (const node of nodes) {
        if (offset <= seen + node.data.length) return [node, offset - seen];
        seen += node.data.length;
      }
      throw new Error("offset beyond the text");
    };
    const range = document.createRange();
    range.setStart(...locate(start));
    range.setEnd(...locate(start + wanted.length));
    const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
    return tops.size;
  }, text);
}

/** The element sits in the middle of the viewport (within 2 px each way) and inside it. */
export async function expectCentred(page: Page, element: Locator, what: string) {
  const box = (await element.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x, `${what}: left edge inside the screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge inside the screen`).toBeLessThanOrEqual(viewport.width);
  expect(Math.abs(box.x + box.width / 2 - viewport.width / 2), `${what}: horizontally centred`).toBeLessThanOrEqual(2);
  if (box.height < viewport.height) expect(Math.abs(box.y + box.height / 2 - viewport.height / 2), `${what}: vertically centred`).toBeLessThanOrEqual(2);
}

/** Nothing in front of the element's middle: it is seen, not behind an overlay. */
export async function expectOnTop(element: Locator, what: string) {
  const onTop = await element.evaluate((target) => {
    const rect = target.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    return hit !== null && target.contains(hit);
  });
  expect(onTop, `${what} is in front, not behind the dialog's overlay`).toBe(true);
}
