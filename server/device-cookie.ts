import "server-only";
import { cookies } from "next/headers";
import {
  createDeviceCookieValue,
  deviceCookieMaxAgeSeconds,
  deviceCookieNamePrefix,
  maxDeviceCookiesRead,
  type PresentedDeviceCookie,
  readDeviceCookieValue,
} from "@/lib/auth/device-cookie";
import { rememberDevice } from "@/lib/auth/remember-device";
import { getConfig } from "@/lib/env";
import { isHttpsRequest } from "./https-request";

/** `__Host-` over HTTPS, like the session and pending-login cookies; plain HTTP (local) cannot use it. */
async function namePrefix(): Promise<string> {
  return (await isHttpsRequest()) ? `__Host-${deviceCookieNamePrefix}` : deviceCookieNamePrefix;
}

/** Every device cookie this browser holds whose signature holds (one per account it signed in to). */
export async function readDeviceCookies(): Promise<PresentedDeviceCookie[]> {
  const prefix = await namePrefix();
  const secret = getConfig().authSecret;
  return (await cookies())
    .getAll()
    .filter((cookie) => cookie.name.startsWith(prefix))
    .slice(0, maxDeviceCookiesRead)
    .flatMap((cookie) => readDeviceCookieValue({ userId: cookie.name.slice(prefix.length), value: cookie.value, secret }) ?? []);
}

/** After a completed sign-in: this browser is (still) one of the account's own, for another year. */
export async function rememberThisDevice(options: { userId: string }) {
  const presented = (await readDeviceCookies()).find((cookie) => cookie.userId === options.userId) ?? null;
  const device = await rememberDevice({ userId: options.userId, presented });
  const prefix = await namePrefix();
  (await cookies()).set(`${prefix}${options.userId}`, createDeviceCookieValue({ ...device, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: prefix.startsWith("__Host-"),
    path: "/",
    maxAge: deviceCookieMaxAgeSeconds,
  });
}
