import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { rateLimitKey, signUpGlobalBudget, signUpPerClientBudget, spendBudget } from "../security/rate-limit";
import { signUp } from "./sign-up";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const password = "correct horse battery";
const start = new Date("2026-12-02T10:00:00Z");
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const newEmail = () => `signup-${randomUUID()}@example.com`;

describe.each(testEngines())("signUp on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("allows 10 sign-ups an hour from one client, then refuses without a hash or a row", async () => {
    const context = { ip: "192.0.2.44", userAgent: "vitest" };
    for (let n = 0; n < signUpPerClientBudget.limit; n += 1) expect((await signUp({ email: newEmail(), password, context, now: start })).ok).toBe(true);
    const hashesBefore = argon2Computations.computed();
    const email = newEmail();
    expect(await signUp({ email, password, context, now: later(600) })).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 3000 });
    expect(argon2Computations.computed()).toBe(hashesBefore);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await signUp({ email, password, context: { ip: "192.0.2.45", userAgent: "vitest" }, now: later(600) })).ok).toBe(true);
  });

  it("caps sign-ups across all clients at 1,000 an hour, also when no client address is known", async () => {
    const context = { ip: null, userAgent: "vitest" };
    const windowStart = later(7200);
    // The budget spent by earlier sign-ups (each would have cost a hash here).
    for (let n = 0; n < signUpGlobalBudget.limit; n += 1) await spendBudget({ key: rateLimitKey("sign-up-global"), policy: signUpGlobalBudget, now: windowStart });
    expect(await signUp({ email: newEmail(), password, context, now: windowStart })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await signUp({ email: newEmail(), password, context, now: later(7200 + 3600) })).ok).toBe(true);
  });

  it("counts an IPv6 client by its /64, so new addresses from one subscriber's prefix share a budget", async () => {
    const windowStart = later(4 * 3600);
    const address = (n: number) => ({ ip: `2001:db8:7:1::${n.toString(16)}`, userAgent: "vitest" });
    for (let n = 0; n < signUpPerClientBudget.limit; n += 1) expect((await signUp({ email: newEmail(), password, context: address(n + 1), now: windowStart })).ok).toBe(true);
    const email = newEmail();
    expect(await signUp({ email, password, context: address(0xbeef), now: windowStart })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await signUp({ email, password, context: { ip: "2001:db8:7:2::1", userAgent: "vitest" }, now: windowStart })).ok).toBe(true);
  });
});
