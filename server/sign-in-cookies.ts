import "server-only";
import { cookies } from "next/headers";
import { signIn } from "@/auth";
import {
  createDeviceCookieValue,
  deviceCookieMaxAgeSeconds,
  deviceCookieNamePrefix,
  maxDeviceCookiesRead,
  type PresentedDeviceCookie,
  readDeviceCookieValue,
  rememberDevice,
} from "@/lib/auth/device-cookie";
import { claimPendingLogin, createPendingLoginToken, type PendingLogin, pendingLoginTtlSeconds, readPendingLoginToken } from "@/lib/auth/pending-login";
import { issueLoginGrant, type SignInMethod, startSession } from "@/lib/auth/start-session";
import { getConfig } from "@/lib/env";
import type { RequestContext } from "@/lib/security/record-event";
import { isHttpsRequest } from "./https-request";
import { requestLocale } from "./request-locale";

/**
 * The cookies of a sign-in: the pending-login cookie between the password and the code step,
 * the device cookie that gives this browser its own password budget (ADR 0004), and the end of
 * every sign-in, which starts the session and sets next-auth's cookie.
 */

export const signedInHomePath = "/settings";

/** `__Host-` binds a cookie to this origin over HTTPS; plain HTTP (local) cannot use the prefix. */
export async function hostPrefix(): Promise<string> {
  return (await isHttpsRequest()) ? "__Host-" : "";
}

async function pendingLoginCookieName(): Promise<string> {
  return `${await hostPrefix()}nidan-pending-login`;
}

export async function setPendingLoginCookie(options: { userId: string }) {
  const name = await pendingLoginCookieName();
  (await cookies()).set(name, createPendingLoginToken({ userId: options.userId, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: name.startsWith("__Host-"),
    path: "/",
    maxAge: pendingLoginTtlSeconds,
  });
}

export async function readPendingLoginCookie(): Promise<PendingLogin | null> {
  return readPendingLoginToken({ token: (await cookies()).get(await pendingLoginCookieName())?.value, secret: getConfig().authSecret });
}

/**
 * For the step that completes the sign-in: claims the cookie's nonce and deletes the cookie.
 * False if this cookie already completed a sign-in (a copy, or a race): the cookie is then left
 * alone, since deleting it in an action redraws the page and would hide the form's message.
 */
export async function consumePendingLoginCookie(pending: PendingLogin): Promise<boolean> {
  if (!(await claimPendingLogin({ nonce: pending.nonce }))) return false;
  (await cookies()).delete(await pendingLoginCookieName());
  return true;
}

/** Every device cookie this browser holds whose signature holds (one per account it signed in to). */
export async function readDeviceCookies(): Promise<PresentedDeviceCookie[]> {
  const prefix = `${await hostPrefix()}${deviceCookieNamePrefix}`;
  const secret = getConfig().authSecret;
  return (await cookies())
    .getAll()
    .filter((cookie) => cookie.name.startsWith(prefix))
    .slice(0, maxDeviceCookiesRead)
    .flatMap((cookie) => readDeviceCookieValue({ userId: cookie.name.slice(prefix.length), value: cookie.value, secret }) ?? []);
}

/** After a completed sign-in: this browser is (still) one of the account's own, for another year. */
async function rememberThisDevice(options: { userId: string }) {
  const presented = (await readDeviceCookies()).find((cookie) => cookie.userId === options.userId) ?? null;
  const device = await rememberDevice({ userId: options.userId, presented });
  const prefix = `${await hostPrefix()}${deviceCookieNamePrefix}`;
  (await cookies()).set(`${prefix}${options.userId}`, createDeviceCookieValue({ ...device, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: prefix.startsWith("__Host-"),
    path: "/",
    maxAge: deviceCookieMaxAgeSeconds,
  });
}

/** The last step of every sign-in: a Session row, then next-auth's cookie naming it. Redirects. */
export async function completeSignIn(options: { userId: string; method: SignInMethod; context: RequestContext }): Promise<never> {
  // The language of the page signed in from is the user's language from now on (their mails).
  const { sessionId } = await startSession({ ...options, locale: await requestLocale() });
  // This browser has now proved itself for the account: its own password budget from here on.
  await rememberThisDevice({ userId: options.userId });
  await signIn("grant", { grant: issueLoginGrant({ sessionId }), redirectTo: signedInHomePath });
  throw new Error("signIn() returned instead of redirecting");
}
