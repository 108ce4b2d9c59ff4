import "server-only";
import { cookies } from "next/headers";
import { createPendingLoginToken, pendingLoginTtlSeconds, readPendingLoginToken } from "@/lib/auth/pending-login";
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

export async function readPendingLoginCookie(): Promise<{ userId: string } | null> {
  return readPendingLoginToken({ token: (await cookies()).get(await cookieName())?.value, secret: getConfig().authSecret });
}

export async function clearPendingLoginCookie() {
  (await cookies()).delete(await cookieName());
}
