import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { endSession } from "./end-session";
import { loadActiveSession } from "./load-active-session";
import { sessionAbsoluteLifetimeSeconds, sessionIdleLifetimeSeconds, sessionTouchIntervalSeconds } from "./session-lifetime";
import { startSession } from "./start-session";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

const context = { ip: "203.0.113.13", userAgent: "vitest" };
const hours = (count: number) => count * 60 * 60 * 1000;

describe.each(testEngines())("loadActiveSession on $name", (engine) => {
  useFreshAppDatabase(engine);

  async function signedIn(role: "USER" | "ADMIN" = "USER") {
    const email = `session-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password: "correct horse battery", role, context });
    if (!created.ok) throw new Error("could not create the user");
    const { sessionId } = await startSession({ userId: created.userId, method: "password", context });
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    /** `ms` after the session started. */
    const at = (ms: number) => new Date(row.createdAt.getTime() + ms);
    return { userId: created.userId, email, sessionId, row, at };
  }

  it("returns the signed-in user for a session just started", async () => {
    const { userId, email, sessionId, row } = await signedIn("ADMIN");

    const active = await loadActiveSession({ sessionId });

    expect(active).toEqual({ sessionId, authenticatedAt: row.authenticatedAt, user: { id: userId, email, role: "ADMIN" } });
    expect(row).toMatchObject({ userId, method: "password", revokedAt: null, ip: context.ip, userAgent: context.userAgent });
  });

  it("returns null once the session has been ended (log out), and records the log out", async () => {
    const { userId, sessionId } = await signedIn();

    await endSession({ sessionId, context });

    expect(await loadActiveSession({ sessionId })).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).toBeInstanceOf(Date);
    expect(await db.securityEvent.count({ where: { userId, type: "signed_out" } })).toBe(1);
  });

  it("ends a session left idle for longer than the idle lifetime", async () => {
    const { sessionId, at } = await signedIn();

    expect(await loadActiveSession({ sessionId, now: at(sessionIdleLifetimeSeconds * 1000 + 1000) })).toBeNull();
  });

  it("keeps a session alive through requests, writing lastSeenAt at most once a minute", async () => {
    const { sessionId, row, at } = await signedIn();
    const lastSeenAt = async () => (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;

    expect(await loadActiveSession({ sessionId, now: at(sessionTouchIntervalSeconds * 1000 - 1000) })).not.toBeNull();
    expect(await lastSeenAt()).toEqual(row.lastSeenAt);
    expect(await loadActiveSession({ sessionId, now: at(hours(23)) })).not.toBeNull();
    expect(await lastSeenAt()).toEqual(at(hours(23)));
    // 23 h after the last request, 46 h after sign-in: still alive since it was used meanwhile.
    expect(await loadActiveSession({ sessionId, now: at(hours(46)) })).not.toBeNull();
  });

  it("ends an active session at its absolute lifetime", async () => {
    const { sessionId, at } = await signedIn();
    const absolute = sessionAbsoluteLifetimeSeconds * 1000;

    // Used every 23 hours (never idle for a day) until just before the absolute lifetime…
    for (let elapsed = hours(23); elapsed < absolute; elapsed += hours(23)) {
      expect(await loadActiveSession({ sessionId, now: at(elapsed) }), `after ${elapsed / hours(1)} h`).not.toBeNull();
    }
    expect(await loadActiveSession({ sessionId, now: at(absolute - 1000) })).not.toBeNull();
    // …and refused just after it.
    expect(await loadActiveSession({ sessionId, now: at(absolute + 1000) })).toBeNull();
  });

  it("returns null, without a database error, for a malformed or unknown id", async () => {
    for (const sessionId of [undefined, null, 42, {}, "", "not-a-session", "'; DROP TABLE \"Session\"; --", "x".repeat(10_000)]) {
      expect(await loadActiveSession({ sessionId })).toBeNull();
    }
    expect(await loadActiveSession({ sessionId: randomUUID() })).toBeNull();
  });

  // These pass the id pattern in lib/auth/load-active-session.ts (/^[0-9a-f-]{36}$/) but are not UUIDs.
  it("returns null, without a database error, for 36 characters that are not a UUID", async () => {
    for (const sessionId of ["-".repeat(36), "a".repeat(36), "0123456789abcdef0123456789abcdef-abc", "00000000-0000-0000-0000-00000000000g"]) {
      await expect(loadActiveSession({ sessionId }), sessionId).resolves.toBeNull();
    }
  });
});
