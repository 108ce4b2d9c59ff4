import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueLoginGrant, redeemLoginGrant } from "./start-session";

describe("login grants", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("redeems a grant for its session once only", () => {
    const sessionId = randomUUID();
    const grant = issueLoginGrant({ sessionId });

    expect(redeemLoginGrant(grant)).toEqual({ sessionId });
    expect(redeemLoginGrant(grant)).toBeNull();
  });

  it("issues a distinct, unguessable grant each time, each naming its own session", () => {
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    const grants = sessions.map((sessionId) => issueLoginGrant({ sessionId }));

    expect(new Set(grants).size).toBe(3);
    for (const grant of grants) expect(grant).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(grants.map((grant) => redeemLoginGrant(grant))).toEqual(sessions.map((sessionId) => ({ sessionId })));
  });

  it("returns null for unknown grants and for anything but a string", () => {
    const grant = issueLoginGrant({ sessionId: randomUUID() });
    for (const other of ["", "unknown", `${grant}x`, grant.slice(1), grant.toUpperCase()]) {
      expect(redeemLoginGrant(other)).toBeNull();
    }
    for (const notString of [undefined, null, 42, {}, [grant], { grant }]) {
      expect(redeemLoginGrant(notString)).toBeNull();
    }
    // A wrong guess did not use up the real grant.
    expect(redeemLoginGrant(grant)).not.toBeNull();
  });

  it("expires a grant after 30 seconds", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T09:00:00.000Z"));
    const fresh = issueLoginGrant({ sessionId: randomUUID() });
    const stale = issueLoginGrant({ sessionId: randomUUID() });

    vi.setSystemTime(new Date("2026-11-25T09:00:29.000Z"));
    expect(redeemLoginGrant(fresh)).not.toBeNull();
    vi.setSystemTime(new Date("2026-11-25T09:00:31.000Z"));
    expect(redeemLoginGrant(stale)).toBeNull();
  });
});
