import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { startSession } from "./start-session";

const context = { ip: "203.0.113.21", userAgent: "vitest start-session" };

describe.each(testEngines())("startSession on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("writes the session, the sign-in event and the user's last sign-in, with the same time", async () => {
    const created = await createAccount({ email: `start-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const before = Date.now();

    const { sessionId } = await startSession({ userId: created.userId, method: "totp", context });

    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ userId: created.userId, method: "totp", revokedAt: null, ip: context.ip, userAgent: context.userAgent });
    // Stored as UTC, read back as the same instant (not shifted by a time zone).
    expect(Math.abs(session.createdAt.getTime() - before)).toBeLessThan(60_000);
    expect(session.lastSeenAt).toEqual(session.createdAt);
    expect(session.authenticatedAt).toEqual(session.createdAt);
    const events = await db.securityEvent.findMany({ where: { userId: created.userId, type: "sign_in" } });
    expect(events).toEqual([expect.objectContaining({ ip: context.ip, userAgent: context.userAgent, createdAt: session.createdAt })]);
    expect((await db.user.findUniqueOrThrow({ where: { id: created.userId } })).lastSignInAt).toEqual(session.createdAt);
  });

  it("keeps long client strings to the column sizes", async () => {
    const created = await createAccount({ email: `long-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");

    const { sessionId } = await startSession({ userId: created.userId, method: "password", context: { ip: "9".repeat(100), userAgent: "u".repeat(1000) } });

    const session = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect([session.ip?.length, session.userAgent?.length]).toEqual([64, 256]);
  });

  it("writes nothing for a user who does not exist", async () => {
    const userId = randomUUID();

    await expect(startSession({ userId, method: "password", context })).rejects.toThrow();

    expect(await db.session.count({ where: { userId } })).toBe(0);
    expect(await db.securityEvent.count({ where: { userId } })).toBe(0);
  });
});
