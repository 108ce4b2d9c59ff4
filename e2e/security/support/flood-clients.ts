import type { APIRequestContext, Page, PlaywrightWorkerArgs } from "@playwright/test";
import { l } from "./accounts";
import { type CapturedAction, captureServerAction } from "./server-actions";

/** What a busy server answers (common.serverBusy), when a hash would wait past the bound (ADR 0010). */
export const serverBusy = /^The server is busy\. Try again in \d+ seconds?\.$/;

/** One client: in the proxy project, one address the proxy names; in the default one, no address at all. */
export async function floodClient(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, address: string, proxied: boolean): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "en", ...(proxied ? { "x-forwarded-for": address } : {}) } });
}

/** The log-in form's own server-action request, captured once to be replayed many times at once. */
export async function captureLogIn(page: Page): Promise<CapturedAction> {
  await page.goto("/login");
  await page.getByRole("textbox", { name: l.emailAddress }).fill("someone@example.test");
  await page.getByRole("textbox", { name: l.password }).fill("x");
  return captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: true });
}
