import { describe, expect, it } from "vitest";
import { sameSiteReturnPath } from "./same-site-return-path";

const host = "nidan.example";

describe("sameSiteReturnPath", () => {
  it("returns the path and query of a page on this host", () => {
    expect(sameSiteReturnPath({ referer: "https://nidan.example/settings/two-factor?enabled=1", host })).toBe("/settings/two-factor?enabled=1");
    expect(sameSiteReturnPath({ referer: "http://nidan.example/login", host })).toBe("/login");
  });

  it.each([
    ["a protocol-relative path", "https://nidan.example//evil.example/"],
    ["three slashes", "https://nidan.example///evil.example/"],
    ["a slash and a backslash", "https://nidan.example/\\evil.example/"],
    ["an encoded backslash kept as typed is still a path", "https://nidan.example/%5Cevil.example/"],
  ])("never returns a path a browser reads as another host: %s", (_case, referer) => {
    const path = sameSiteReturnPath({ referer, host });
    expect(path.startsWith("/")).toBe(true);
    expect(path).not.toMatch(/^\/[/\\]/);
  });

  it("gives the start page for a protocol-relative or backslash path", () => {
    expect(sameSiteReturnPath({ referer: "https://nidan.example//evil.example/", host })).toBe("/");
    expect(sameSiteReturnPath({ referer: "https://nidan.example/\\evil.example/", host })).toBe("/");
    expect(sameSiteReturnPath({ referer: "https://nidan.example/\\/evil.example/", host })).toBe("/");
  });

  it.each([
    ["another host", "https://evil.example/settings"],
    ["this host on another port", "https://nidan.example:8443/settings"],
    ["a user-info trick", "https://nidan.example@evil.example/settings"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["not a URL", "/settings"],
    ["nothing", null],
  ])("gives the start page for %s", (_case, referer) => {
    expect(sameSiteReturnPath({ referer, host })).toBe("/");
  });

  it("gives the start page when the request names no host", () => {
    expect(sameSiteReturnPath({ referer: "https://nidan.example/settings", host: null })).toBe("/");
  });
});
