import { describe, expect, it } from "vitest";
import { passwordPerAccountPolicy, passwordPerClientPolicy, passwordPerDevicePolicy, passwordUntrustedPolicy } from "../security/rate-limit";
import { passwordStepKeys, passwordStepLimits } from "./password-step";

const email = "owner@example.com";
const deviceId = "3f0c6a52-8d0e-4c55-9a57-0a8f8d1e2b11";

describe("passwordStepLimits", () => {
  it("counts an attempt with a valid device cookie against that device alone", () => {
    expect(passwordStepLimits({ email, trustedDeviceId: deviceId, clientAddress: "192.0.2.1" })).toEqual({
      account: [{ key: passwordStepKeys.device(deviceId), policy: passwordPerDevicePolicy }],
      client: [],
    });
  });

  it("counts any other attempt in the account's untrusted budget and NIST's cap, and per client when the client is known", () => {
    expect(passwordStepLimits({ email, trustedDeviceId: null, clientAddress: "192.0.2.1" })).toEqual({
      account: [
        { key: passwordStepKeys.untrusted(email), policy: passwordUntrustedPolicy },
        { key: passwordStepKeys.untrustedCap(email), policy: passwordPerAccountPolicy },
      ],
      client: [{ key: passwordStepKeys.client("192.0.2.1"), policy: passwordPerClientPolicy }],
    });
  });

  it("has no per-client budget at all when no client address is known", () => {
    expect(passwordStepLimits({ email, trustedDeviceId: null, clientAddress: null }).client).toEqual([]);
  });

  it("gives one budget to every address of an IPv6 /64, and another to the next /64", () => {
    expect(passwordStepKeys.client("2001:db8:0:1::1")).toBe(passwordStepKeys.client("2001:db8:0:1:abcd::9"));
    expect(passwordStepKeys.client("2001:db8:0:1::1")).not.toBe(passwordStepKeys.client("2001:db8:0:2::1"));
  });

  it("keeps the device, untrusted and client counters apart", () => {
    const keys = [passwordStepKeys.device(deviceId), passwordStepKeys.untrusted(email), passwordStepKeys.untrustedCap(email), passwordStepKeys.client("192.0.2.1")];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
