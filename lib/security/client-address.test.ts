import { describe, expect, it } from "vitest";
import { clientAddressFromForwardedHeader, rateLimitClientOf } from "./client-address";

describe("clientAddressFromForwardedHeader", () => {
  it("takes the entry the one trusted proxy appended: the last", () => {
    expect(clientAddressFromForwardedHeader({ headerValue: "203.0.113.9, 198.51.100.7", proxyCount: 1 })).toBe("198.51.100.7");
  });

  it("takes the Nth entry from the right behind N proxies, whatever the client put before it", () => {
    const header = "1.1.1.1, 203.0.113.9, 10.0.0.2";
    expect(clientAddressFromForwardedHeader({ headerValue: header, proxyCount: 2 })).toBe("203.0.113.9");
    expect(clientAddressFromForwardedHeader({ headerValue: header, proxyCount: 3 })).toBe("1.1.1.1");
  });

  it("knows no address when the header is missing or shorter than the chain of proxies", () => {
    expect(clientAddressFromForwardedHeader({ headerValue: null, proxyCount: 1 })).toBeNull();
    expect(clientAddressFromForwardedHeader({ headerValue: "", proxyCount: 1 })).toBeNull();
    expect(clientAddressFromForwardedHeader({ headerValue: "203.0.113.9", proxyCount: 2 })).toBeNull();
  });

  it("knows no address when the entry is not an IP address (never a shared placeholder)", () => {
    expect(clientAddressFromForwardedHeader({ headerValue: "unknown", proxyCount: 1 })).toBeNull();
    expect(clientAddressFromForwardedHeader({ headerValue: "203.0.113.9, ", proxyCount: 1 })).toBeNull();
  });

  it("drops ports and brackets, lower-cases IPv6 and unwraps IPv4-mapped addresses", () => {
    expect(clientAddressFromForwardedHeader({ headerValue: "[2001:DB8::1]:443", proxyCount: 1 })).toBe("2001:db8::1");
    expect(clientAddressFromForwardedHeader({ headerValue: "192.0.2.1:8080", proxyCount: 1 })).toBe("192.0.2.1");
    expect(clientAddressFromForwardedHeader({ headerValue: "::ffff:192.0.2.1", proxyCount: 1 })).toBe("192.0.2.1");
  });
});

describe("rateLimitClientOf", () => {
  it("counts an IPv4 address as it is", () => {
    expect(rateLimitClientOf("192.0.2.1")).toBe("192.0.2.1");
  });

  it("counts every IPv6 address of one /64 as one client", () => {
    const prefix = "2001:db8:0:1::/64";
    expect(rateLimitClientOf("2001:db8:0:1::1")).toBe(prefix);
    expect(rateLimitClientOf("2001:db8:0:1:ffff:ffff:ffff:ffff")).toBe(prefix);
    expect(rateLimitClientOf("2001:0db8:0000:0001:0:0:0:2")).toBe(prefix);
    expect(rateLimitClientOf("2001:db8:0:2::1")).not.toBe(prefix);
  });

  it("expands :: wherever it stands", () => {
    expect(rateLimitClientOf("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitClientOf("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(rateLimitClientOf("fe80::1:2:3:4")).toBe("fe80:0:0:0::/64");
  });
});
