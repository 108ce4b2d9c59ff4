import { createHmac, randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";

/** The cookie that carries a sign-in from the password step to the code step (plain HTTP). */
export const pendingLoginCookieName = "nidan-pending-login";

/**
 * What an attacker holding AUTH_SECRET could mint: `<base64url JSON {userId, issuedAtMs, nonce}>.<HMAC>`,
 * written here from the format, not imported from the app, so a change of format shows up.
 */
export function signPendingLoginToken(options: { userId: string; issuedAtMs: number; secret: string }): string {
  const nonce = randomBytes(16).toString("base64url");
  const payload = Buffer.from(JSON.stringify({ userId: options.userId, issuedAtMs: options.issuedAtMs, nonce })).toString("base64url");
  return `${payload}.${macOf(payload, options.secret)}`;
}

/** The same token signed with a key that is not the server's. */
export function forgePendingLoginToken(options: { userId: string; issuedAtMs: number }): string {
  return signPendingLoginToken({ ...options, secret: randomBytes(32).toString("base64") });
}

export function macOf(encodedPayload: string, secret: string): string {
  return createHmac("sha256", secret).update(`nidan-pending-login.${encodedPayload}`).digest("base64url");
}

export function readPendingLoginPayload(token: string): { userId: string; issuedAtMs: number; nonce: string } {
  return JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8")) as { userId: string; issuedAtMs: number; nonce: string };
}

export async function pendingLoginCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === pendingLoginCookieName)?.value;
}

export async function setPendingLoginCookie(context: BrowserContext, options: { baseURL: string; value: string }) {
  await context.clearCookies();
  await context.addCookies([{ name: pendingLoginCookieName, value: options.value, url: options.baseURL, httpOnly: true, sameSite: "Lax" }]);
}
