import { isIPv4, isIPv6 } from "node:net";

/**
 * The client address from the header the trusted proxies write (X-Forwarded-For style: each
 * proxy appends the address it saw). With `proxyCount` proxies in front of the app, the client
 * is the `proxyCount`-th entry from the right; everything left of it was sent by the client
 * and can be forged. Null when the header is missing, shorter than the proxy chain, or the
 * entry is not an IP address (then no per-client limit applies: never a shared "unknown").
 */
export function clientAddressFromForwardedHeader(options: { headerValue: string | null; proxyCount: number }): string | null {
  if (!options.headerValue) return null;
  const entries = options.headerValue.split(",").map((entry) => entry.trim());
  if (entries.length < options.proxyCount) return null;
  return normalizeAddress(entries[entries.length - options.proxyCount]);
}

/** A bare address: "[2001:db8::1]:443" and "192.0.2.1:443" lose their port, "::ffff:192.0.2.1" becomes IPv4. */
function normalizeAddress(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const withoutPort = bracketed ? bracketed[1] : /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry)?.[1] ?? entry;
  const mappedIPv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutPort)?.[1];
  const address = (mappedIPv4 ?? withoutPort).toLowerCase();
  return isIPv4(address) || isIPv6(address) ? address : null;
}

/**
 * What a per-client rate limit counts: an IPv4 address as it is, an IPv6 address by its /64 —
 * one subscriber usually holds a whole /64 (RFC 6177), so counting single addresses would give
 * them 2^64 budgets. Events still store the full address.
 */
export function rateLimitClientOf(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  // An IPv4 tail (::ffff:… is already IPv4 here; others are rare) takes two groups.
  const groupCount = (groups: string[]) => groups.reduce((count, group) => count + (group.includes(".") ? 2 : 1), 0);
  const missing = address.includes("::") ? 8 - groupCount(headGroups) - groupCount(tailGroups) : 0;
  const groups = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(":")}::/64`;
}
