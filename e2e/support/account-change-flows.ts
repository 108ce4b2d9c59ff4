import { expect, type Page } from "@playwright/test";
import type { AccountChangeLabels } from "./account-change-labels";

/** Personal settings → Change password → the form, as a person fills it. */
export async function changePassword(page: Page, a: AccountChangeLabels, options: { current: string; next: string; code?: string }) {
  await page.goto("/settings");
  await page.getByRole("link", { name: a.changePassword }).click();
  await expect(page).toHaveURL(/\/settings\/password$/);
  await page.getByRole("textbox", { name: a.currentPassword }).fill(options.current);
  if (options.code) await page.getByRole("textbox", { name: a.codeLabel }).fill(options.code);
  await page.getByRole("textbox", { name: a.newPassword }).fill(options.next);
  await page.getByRole("button", { name: a.changePassword }).click();
}

/** Personal settings → Change email address → the form, as a person fills it. */
export async function requestEmailChange(page: Page, a: AccountChangeLabels, options: { email: string; current: string; code?: string }) {
  await page.goto("/settings");
  await page.getByRole("link", { name: a.changeEmail }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
  await page.getByRole("textbox", { name: a.newEmail }).fill(options.email);
  await page.getByRole("textbox", { name: a.currentPassword }).fill(options.current);
  if (options.code) await page.getByRole("textbox", { name: a.codeLabel }).fill(options.code);
  await page.getByRole("button", { name: a.sendConfirmationLink }).click();
}

/** The confirmation link in a mail's text (the path and its token, to open on any origin). */
export function confirmationPathIn(text: string): string {
  const link = /https?:\/\/\S+\/email\/confirm\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
  if (!link) throw new Error("no confirmation link in the mail");
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** The address the settings page shows as the account's. */
export function accountEmail(page: Page) {
  return page.getByTestId("account-email");
}

/**
 * The confirmation link the shared e2e server (no SMTP_URL) wrote to its log for `address`, as
 * a newcomer running the app without a relay reads it (ADR 0017).
 */
export async function confirmationPathFromLog(address: string): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const { e2eServerLogPath } = await import("./server");
  const pattern = new RegExp(`link for ${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\S+)`);
  await expect.poll(() => pattern.test(readFileSync(e2eServerLogPath, "utf8"))).toBe(true);
  return confirmationPathIn(pattern.exec(readFileSync(e2eServerLogPath, "utf8"))![1]);
}
