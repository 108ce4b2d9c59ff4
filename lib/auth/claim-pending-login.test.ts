import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { claimPendingLogin } from "./pending-login";
import { pendingLoginTtlSeconds } from "./pending-login";

const newNonce = () => randomBytes(16).toString("base64url");

describe.each(testEngines())("claimPendingLogin on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("lets a pending login complete once: a second claim of the same nonce is refused", async () => {
    const nonce = newNonce();
    expect(await claimPendingLogin({ nonce })).toBe(true);
    expect(await claimPendingLogin({ nonce })).toBe(false);
    expect(await claimPendingLogin({ nonce: newNonce() })).toBe(true);
  });

  it("lets exactly one of several simultaneous claims of one nonce win", async () => {
    const nonce = newNonce();
    const results = await Promise.all(Array.from({ length: 8 }, () => claimPendingLogin({ nonce })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("prunes claims older than the cookie's lifetime, keeps younger ones", async () => {
    const start = new Date("2026-12-02T10:00:00.000Z");
    const old = newNonce();
    const recent = newNonce();
    await claimPendingLogin({ nonce: old, now: start });
    await claimPendingLogin({ nonce: recent, now: new Date(start.getTime() + 60_000) });

    await claimPendingLogin({ nonce: newNonce(), now: new Date(start.getTime() + (pendingLoginTtlSeconds + 1) * 1000) });

    expect(await db.usedPendingLogin.count({ where: { nonce: old } })).toBe(0);
    expect(await db.usedPendingLogin.count({ where: { nonce: recent } })).toBe(1);
  });
});
