import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "../db";

/**
 * Device cookies (OWASP Authentication Cheat Sheet, "device cookies"; ADR 0004): a browser that
 * completed a sign-in for an account holds a long-lived, signed cookie naming a random device id
 * and token. Its password attempts are counted against that device alone, so strangers who lock
 * the account's shared budget do not lock the owner's own browser out. A device cookie is never
 * a credential: it only chooses which guessing budget an attempt uses.
 *
 * One cookie per account, named after it (`nidan-device-<userId>`): a browser shared by several
 * accounts keeps one for each, each with its own expiry, and two tabs signing in to different
 * accounts never rewrite the same cookie.
 */
export const deviceCookieMaxAgeSeconds = 365 * 24 * 60 * 60;
export const deviceCookieNamePrefix = "nidan-device-";
/** More cookies than this in one request are not read (a browser shared by a few accounts at most). */
export const maxDeviceCookiesRead = 20;

/** A device cookie whose signature is valid: not yet checked against the database. */
export type PresentedDeviceCookie = { userId: string; deviceId: string; token: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url

export function newDeviceToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the table stores: a stolen database cannot be turned into cookies. */
export function hashDeviceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sign(options: { userId: string; deviceId: string; token: string; secret: string }): string {
  // The purpose prefix keeps this MAC apart from every other token signed with AUTH_SECRET;
  // the user id (from the cookie's name) is signed, so a cookie renamed to another account fails.
  return createHmac("sha256", options.secret).update(`nidan-device.${options.userId}.${options.deviceId}.${options.token}`).digest("base64url");
}

export function createDeviceCookieValue(options: PresentedDeviceCookie & { secret: string }): string {
  return `${options.deviceId}.${options.token}.${sign(options)}`;
}

/** The cookie's content if its signature holds, else null: forged values never reach a query. */
export function readDeviceCookieValue(options: { userId: string; value: string; secret: string }): PresentedDeviceCookie | null {
  const parts = options.value.split(".");
  if (parts.length !== 3 || !uuidPattern.test(options.userId)) return null;
  const [deviceId, token, signature] = parts;
  if (!uuidPattern.test(deviceId) || !tokenPattern.test(token)) return null;
  const expected = Buffer.from(sign({ userId: options.userId, deviceId, token, secret: options.secret }));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId: options.userId, deviceId, token };
}

/** The presented cookie that matches one of the account's stored, unrevoked devices, if any. */
export function matchDeviceCookie(options: {
  userId: string;
  presented: PresentedDeviceCookie[];
  stored: { id: string; tokenHash: string }[];
}): string | null {
  for (const cookie of options.presented) {
    if (cookie.userId !== options.userId) continue;
    const row = options.stored.find((candidate) => candidate.id === cookie.deviceId);
    if (row && timingSafeEqual(Buffer.from(hashDeviceToken(cookie.token)), Buffer.from(row.tokenHash))) return row.id;
  }
  return null;
}

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
