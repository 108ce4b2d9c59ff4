import { describe, expect, it } from "vitest";
import { createDeviceCookieValue, hashDeviceToken, matchDeviceCookie, newDeviceToken, readDeviceCookieValue } from "./device-cookie";

const secret = "a".repeat(32);
const userId = "0b6f2c1e-5d4a-4f3b-9c2d-1e0f9a8b7c6d";
const otherUserId = "9a8b7c6d-1e0f-4f3b-9c2d-0b6f2c1e5d4a";
const deviceId = "3f0c6a52-8d0e-4c55-9a57-0a8f8d1e2b11";

describe("device cookie values", () => {
  it("reads back what it signed", () => {
    const token = newDeviceToken();
    const value = createDeviceCookieValue({ userId, deviceId, token, secret });
    expect(readDeviceCookieValue({ userId, value, secret })).toEqual({ userId, deviceId, token });
  });

  it("refuses a value signed with another secret, renamed to another account, altered or malformed", () => {
    const token = newDeviceToken();
    const value = createDeviceCookieValue({ userId, deviceId, token, secret });
    expect(readDeviceCookieValue({ userId, value, secret: "b".repeat(32) })).toBeNull();
    expect(readDeviceCookieValue({ userId: otherUserId, value, secret })).toBeNull();
    expect(readDeviceCookieValue({ userId, value: value.replace(token, newDeviceToken()), secret })).toBeNull();
    for (const malformed of ["", "x", `${deviceId}.${token}`, `not-a-uuid.${token}.sig`, `${value}.extra`]) {
      expect(readDeviceCookieValue({ userId, value: malformed, secret })).toBeNull();
    }
    expect(readDeviceCookieValue({ userId: "not-a-uuid", value, secret })).toBeNull();
  });

  it("matches a presented cookie only to the account's stored device with the same token", () => {
    const token = newDeviceToken();
    const stored = [{ id: deviceId, tokenHash: hashDeviceToken(token) }];
    expect(matchDeviceCookie({ userId, presented: [{ userId, deviceId, token }], stored })).toBe(deviceId);
    expect(matchDeviceCookie({ userId, presented: [{ userId, deviceId, token: newDeviceToken() }], stored })).toBeNull();
    expect(matchDeviceCookie({ userId, presented: [{ userId: otherUserId, deviceId, token }], stored })).toBeNull();
    expect(matchDeviceCookie({ userId, presented: [], stored })).toBeNull();
  });
});
