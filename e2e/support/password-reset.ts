import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";
import type { ReceivedMail } from "../security/support/mailbox";
import type { Labels } from "./labels";

/** /login → "Forgot your password?" → Email address → "Send reset link": the one answer. */
export async function requestResetLink(page: Page, l: Labels, email: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: l.forgotPassword }).click();
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await page.getByRole("textbox", { name: l.emailAddress }).fill(email);
  await page.getByRole("button", { name: l.sendResetLink }).click();
  await expect(page.getByRole("status").filter({ hasText: l.resetLinkSent })).toBeVisible();
}

export const resetLinkPattern = /https?:\/\/\S+\/password\/reset\?token=[A-Za-z0-9_-]{43}/;

/** The reset mails that reached `email`, oldest first. */
export function resetMailsTo(messages: ReceivedMail[], email: string): ReceivedMail[] {
  return messages.filter((mail) => mail.envelopeTo.includes(email.toLowerCase()) && mail.subject.includes("Reset your password"));
}

/** Waits for the `count`-th reset mail to `email` and returns the link it carries (path and query). */
export async function resetLinkFromMail(messages: ReceivedMail[], email: string, count = 1): Promise<string> {
  await expect.poll(() => resetMailsTo(messages, email).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
  const link = resetLinkPattern.exec(resetMailsTo(messages, email)[count - 1].text)?.[0];
  expect(link, "the mail carries a reset link").toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

/** On the reset page: New password → "Set new password" → /login with the notice. */
export async function setNewPassword(page: Page, l: Labels, password: string) {
  await page.getByRole("textbox", { name: l.newPassword }).fill(password);
  await page.getByRole("button", { name: l.setNewPassword }).click();
  await expect(page).toHaveURL(/\/login\?passwordReset=1$/);
  await expect(page.getByRole("status").filter({ hasText: l.passwordChanged })).toBeVisible();
}

/**
 * The reset link the shared e2e server (no SMTP_URL, embedded database) kept for `email`: its log
 * names the file in DATA_DIR/mail, never the link (ADR 0018), as a newcomer running it locally reads it.
 */
export async function resetPathFromLocalMail(email: string): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const { e2eServerLogPath } = await import("./server");
  const escaped = email.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`to=${escaped} .*it is in (\\S+),`);
  await expect.poll(() => pattern.test(readFileSync(e2eServerLogPath, "utf8")), { timeout: 30_000 }).toBe(true);
  const file = pattern.exec(readFileSync(e2eServerLogPath, "utf8"))![1];
  const link = resetLinkPattern.exec(readFileSync(file, "utf8"))?.[0];
  expect(link, "the kept mail carries a reset link").toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}
