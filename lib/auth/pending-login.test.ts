import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPendingLoginToken, pendingLoginTtlSeconds, readPendingLoginToken } from "./pending-login";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const userId = "6f1c2a4e-8d3b-4f7a-9c2e-1b5d7e9f0a12";
const issuedAt = new Date("2026-11-25T09:00:00.000Z");
const secondsLater = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

describe("pending-login token", () => {
  const token = createPendingLoginToken({ userId, secret, now: issuedAt });

  const nonce = readPendingLoginToken({ token, secret, now: issuedAt })?.nonce;

  it("round-trips the user id, the nonce and the password step's time within the time-to-live", () => {
    expect(readPendingLoginToken({ token, secret, now: issuedAt })).toEqual({ userId, nonce, passwordStepAt: issuedAt });
    expect(readPendingLoginToken({ token, secret, now: secondsLater(pendingLoginTtlSeconds) })).toEqual({ userId, nonce, passwordStepAt: issuedAt });
    expect(pendingLoginTtlSeconds).toBeLessThanOrEqual(5 * 60);
  });

  it("refuses a missing or malformed token", () => {
    for (const malformed of [undefined, "", ".", "abc", `${token}.extra`, token.split(".")[0]]) {
      expect(readPendingLoginToken({ token: malformed, secret, now: issuedAt })).toBeNull();
    }
  });

  it("refuses a forged signature", () => {
    const [payload, signature] = token.split(".");
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(readPendingLoginToken({ token: `${payload}.${flipped}`, secret, now: issuedAt })).toBeNull();
    expect(readPendingLoginToken({ token: `${payload}.`, secret, now: issuedAt })).toBeNull();
    expect(readPendingLoginToken({ token: `${payload}.${signature.slice(0, -2)}`, secret, now: issuedAt })).toBeNull();
  });

  it("gives every token a nonce of its own (128 bits), so each sign-in's cookie can be claimed once", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => readPendingLoginToken({ token: createPendingLoginToken({ userId, secret, now: issuedAt }), secret, now: issuedAt })?.nonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(nonce!, "base64url")).toHaveLength(16);
  });

  it("refuses a token signed with another secret", () => {
    const other = createPendingLoginToken({ userId, secret: `${secret}-other`, now: issuedAt });
    expect(readPendingLoginToken({ token: other, secret, now: issuedAt })).toBeNull();
  });

  it("refuses a tampered payload (another user, a fresher date) under the original signature", () => {
    const [, signature] = token.split(".");
    const forge = (payload: object) => `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    expect(readPendingLoginToken({ token: forge({ userId: "someone-else", issuedAtMs: issuedAt.getTime() }), secret, now: issuedAt })).toBeNull();
    expect(readPendingLoginToken({ token: forge({ userId, issuedAtMs: issuedAt.getTime() + 1 }), secret, now: issuedAt })).toBeNull();
  });

  it("refuses a correctly signed token whose payload is not the expected shape", () => {
    // The module's MAC, rebuilt here (and checked against a real token) so that only the payload checks can refuse.
    const signed = (payload: string) => {
      const encoded = Buffer.from(payload).toString("base64url");
      return `${encoded}.${createHmac("sha256", secret).update(`nidan-pending-login.${encoded}`).digest("base64url")}`;
    };
    expect(signed(JSON.stringify({ userId, issuedAtMs: issuedAt.getTime(), nonce }))).toBe(token);

    for (const payload of [
      "not json",
      "null",
      "[]",
      JSON.stringify({ userId: 42, issuedAtMs: issuedAt.getTime(), nonce }),
      JSON.stringify({ userId, nonce }),
      // A token without a nonce (as tokens were before they carried one) could never be claimed: refused.
      JSON.stringify({ userId, issuedAtMs: issuedAt.getTime() }),
    ]) {
      expect(readPendingLoginToken({ token: signed(payload), secret, now: issuedAt }), payload).toBeNull();
    }
  });

  it("refuses a token older than five minutes", () => {
    expect(readPendingLoginToken({ token, secret, now: secondsLater(pendingLoginTtlSeconds + 1) })).toBeNull();
    expect(readPendingLoginToken({ token, secret, now: secondsLater(24 * 60 * 60) })).toBeNull();
  });

  it("refuses a token dated in the future", () => {
    expect(readPendingLoginToken({ token, secret, now: secondsLater(-1) })).toBeNull();
    const future = createPendingLoginToken({ userId, secret, now: secondsLater(60) });
    expect(readPendingLoginToken({ token: future, secret, now: issuedAt })).toBeNull();
  });
});
