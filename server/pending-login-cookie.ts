import "server-only";
import { cookies } from "next/headers";
import { claimPendingLogin } from "@/lib/auth/claim-pending-login";
import { createPendingLoginToken, type PendingLogin, pendingLoginTtlSeconds, readPendingLoginToken } from "@/lib/auth/pending-login";
import { getConfig } from "@/lib/env";
import { isHttpsRequest } from "./https-request";

/** `__Host-` binds the cookie to this origin over HTTPS; plain HTTP (local) cannot use the prefix. */
async function cookieName(): Promise<string> {
  return (await isHttpsRequest()) ? "__Host-nidan-pending-login" : "nidan-pending-login";
}

export async function setPendingLoginCookie(options: { userId: string }) {
  const name = await cookieName();
  (await cookies()).set(name, createPendingLoginToken({ userId: options.userId, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: name.startsWith("__Host-"),
    path: "/",
    maxAge: pendingLoginTtlSeconds,
  });
}

export async function readPendingLoginCookie(): Promise<PendingLogin | null> {
  return readPendingLoginToken({ token: (await cookies()).get(await cookieName())?.value, secret: getConfig().authSecret });
}

/**
 * For the step that completes the sign-in: claims the cookie's nonce and deletes the cookie.
 * False if this cookie already completed a sign-in (a copy, or a race): the cookie is then left
 * alone, since deleting it in an action redraws the page and would hide the form's message.
 */
export async function consumePendingLoginCookie(pending: PendingLogin): Promise<boolean> {
  if (!(await claimPendingLogin({ nonce: pending.nonce }))) return false;
  (await cookies()).delete(await cookieName());
  return true;
}
