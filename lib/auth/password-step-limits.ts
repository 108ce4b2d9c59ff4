import { rateLimitClientOf } from "../security/client-address";
import {
  passwordPerAccountPolicy,
  passwordPerClientPolicy,
  passwordPerDevicePolicy,
  passwordUntrustedPolicy,
  rateLimitKey,
  type RateLimitPolicy,
} from "../security/rate-limit";

export type Limit = { key: string; policy: RateLimitPolicy };

/**
 * The counters behind the password step, by email (so an unknown email locks exactly like a
 * known one and the answer tells nothing), read by the admin pages too (lib/admin/account-locks.ts).
 */
export const passwordStepKeys = {
  untrusted: (email: string) => rateLimitKey("password-untrusted", email),
  untrustedCap: (email: string) => rateLimitKey("password-untrusted-cap", email),
  device: (deviceId: string) => rateLimitKey("password-device", deviceId),
  client: (address: string) => rateLimitKey("password-client", rateLimitClientOf(address)),
};

/**
 * Which budgets one password attempt uses (ADR 0004). From a browser holding a valid device
 * cookie for the account: that device's alone. From any other: the account's untrusted budget
 * (which may lock), NIST's cap of 100, and — only when a trusted proxy names the client — the
 * client's budget across accounts; with no address known there is no per-client budget at all,
 * never one shared by every unknown client.
 * `account` is cleared by a success; `client` only gets this attempt back (a valid account of
 * one's own must not reset a stuffing run).
 */
export function passwordStepLimits(options: { email: string; trustedDeviceId: string | null; clientAddress: string | null }): {
  account: Limit[];
  client: Limit[];
} {
  if (options.trustedDeviceId) return { account: [{ key: passwordStepKeys.device(options.trustedDeviceId), policy: passwordPerDevicePolicy }], client: [] };
  return {
    account: [
      { key: passwordStepKeys.untrusted(options.email), policy: passwordUntrustedPolicy },
      { key: passwordStepKeys.untrustedCap(options.email), policy: passwordPerAccountPolicy },
    ],
    client: options.clientAddress ? [{ key: passwordStepKeys.client(options.clientAddress), policy: passwordPerClientPolicy }] : [],
  };
}
