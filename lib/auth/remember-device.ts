import { db } from "../db";
import { deviceCookieMaxAgeSeconds, hashDeviceToken, matchDeviceCookie, newDeviceToken, type PresentedDeviceCookie } from "./device-cookie";

/** The stored devices that still count: not revoked, and used within the cookie's lifetime. */
export function liveDeviceCookieWhere(now: Date) {
  return { revokedAt: null, lastUsedAt: { gt: new Date(now.getTime() - deviceCookieMaxAgeSeconds * 1000) } };
}

/**
 * Called when this browser completes a sign-in for the account: the device it already holds
 * for the account is refreshed, or a new one is made. Returns what the cookie must hold.
 */
export async function rememberDevice(options: { userId: string; presented: PresentedDeviceCookie | null; now?: Date }): Promise<PresentedDeviceCookie> {
  const now = options.now ?? new Date();
  if (options.presented?.userId === options.userId) {
    const stored = await db.deviceCookie.findMany({
      where: { id: options.presented.deviceId, userId: options.userId, ...liveDeviceCookieWhere(now) },
      select: { id: true, tokenHash: true },
    });
    if (matchDeviceCookie({ userId: options.userId, presented: [options.presented], stored })) {
      await db.deviceCookie.update({ where: { id: options.presented.deviceId }, data: { lastUsedAt: now } });
      return options.presented;
    }
  }
  const token = newDeviceToken();
  const created = await db.deviceCookie.create({
    data: { userId: options.userId, tokenHash: hashDeviceToken(token), createdAt: now, lastUsedAt: now },
    select: { id: true },
  });
  return { userId: options.userId, deviceId: created.id, token };
}
