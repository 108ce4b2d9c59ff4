import "server-only";
import { cookies } from "next/headers";
import { createPendingLoginToken, pendingLoginTtlSeconds, readPendingLoginToken } from "@/lib/auth/pending-login";
import { getConfig } from "@/lib/env";

/** `__Host-` binds the cookie to this origin over HTTPS; plain HTTP (local) cannot use the prefix. */
function cookieName(): string {
  return getConfig().isProduction && process.env.AUTH_URL?.startsWith("https://") ? "__Host-nidan-pending-login" : "nidan-pending-login";
}

export async function setPendingLoginCookie(options: { userId: string }) {
  (await cookies()).set(cookieName(), createPendingLoginToken({ userId: options.userId, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: cookieName().startsWith("__Host-"),
    path: "/",
    maxAge: pendingLoginTtlSeconds,
  });
}

export async function readPendingLoginCookie(): Promise<{ userId: string } | null> {
  return readPendingLoginToken({ token: (await cookies()).get(cookieName())?.value, secret: getConfig().authSecret });
}

export async function clearPendingLoginCookie() {
  (await cookies()).delete(cookieName());
}
