import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { startSession } from "../auth/start-session";
import { openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { enableTwoFactor } from "./enable-two-factor";
import { ensurePendingSetup } from "./ensure-pending-setup";
import { pendingSetupTtlSeconds } from "./pending-setup";
import { generateTotpCode } from "./totp";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";

const context = { ip: "203.0.113.12", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const pendingBinding = (userId: string) => ({ userId, column: "pendingSecretEncrypted" });

describe.each(testEngines())("ensurePendingSetup on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** A user signed in twice: two sessions (browsers) of the same account. */
  async function newUser(): Promise<{ userId: string; sessionId: string; otherSessionId: string }> {
    const created = await createAccount({ email: `setup-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const [first, second] = await Promise.all(
      [1, 2].map(() => startSession({ userId: created.userId, method: "password", context })),
    );
    return { userId: created.userId, sessionId: first.sessionId, otherSessionId: second.sessionId };
  }

  it("creates a base32 key on the first call and shows the same one on every later call of that session", async () => {
    const { userId, sessionId } = await newUser();

    const first = await ensurePendingSetup({ userId, sessionId, keyring });
    const second = await ensurePendingSetup({ userId, sessionId, keyring });
    const third = await ensurePendingSetup({ userId, sessionId, keyring });

    expect(first?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await db.twoFactor.count({ where: { userId } })).toBe(1);
  });

  it("gives five simultaneous first calls of one session the same key", async () => {
    const { userId, sessionId } = await newUser();

    const results = await Promise.all(Array.from({ length: 5 }, () => ensurePendingSetup({ userId, sessionId, keyring })));

    const secrets = new Set(results.map((result) => result?.secret));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]).toMatch(/^[A-Z2-7]{32}$/);
    expect(await ensurePendingSetup({ userId, sessionId, keyring })).toEqual(results[0]);
  });

  it("gives another session of the same user a new key, which replaces the first one", async () => {
    const { userId, sessionId, otherSessionId } = await newUser();
    const first = await ensurePendingSetup({ userId, sessionId, keyring });

    const other = await ensurePendingSetup({ userId, sessionId: otherSessionId, keyring });

    expect(other?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(other?.secret).not.toBe(first?.secret);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.pendingSessionId).toBe(otherSessionId);
    expect(openSecret({ envelope: row.pendingSecretEncrypted!, keyring, binding: pendingBinding(userId) })).toBe(other?.secret);
    // Back in the first session, its key is gone: it is shown yet another one.
    const again = await ensurePendingSetup({ userId, sessionId, keyring });
    expect(new Set([first?.secret, other?.secret, again?.secret]).size).toBe(3);
  });

  it("keeps the key for the same session until the pending lifetime ends, then replaces it", async () => {
    const { userId, sessionId } = await newUser();
    const shownAt = new Date();
    const first = await ensurePendingSetup({ userId, sessionId, keyring, now: shownAt });
    const justBefore = new Date(shownAt.getTime() + pendingSetupTtlSeconds * 1000 - 1);
    const atTheEnd = new Date(shownAt.getTime() + pendingSetupTtlSeconds * 1000);

    expect(await ensurePendingSetup({ userId, sessionId, keyring, now: justBefore })).toEqual(first);
    const later = await ensurePendingSetup({ userId, sessionId, keyring, now: atTheEnd });

    expect(later?.secret).not.toBe(first?.secret);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.pendingCreatedAt).toEqual(atTheEnd);
  });

  it("stores the pending key sealed (v2 envelope bound to the user and column), never as the plain base32 secret", async () => {
    const { userId, sessionId } = await newUser();

    const setup = await ensurePendingSetup({ userId, sessionId, keyring });

    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.pendingSecretEncrypted).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(JSON.stringify(row)).not.toContain(setup!.secret);
    expect(openSecret({ envelope: row.pendingSecretEncrypted!, keyring, binding: pendingBinding(userId) })).toBe(setup!.secret);
    expect(row).toMatchObject({ enabledAt: null, secretEncrypted: null, pendingSessionId: sessionId });
    expect(row.pendingCreatedAt).toBeInstanceOf(Date);
  });

  it("returns null once two-factor authentication is on", async () => {
    const { userId, sessionId } = await newUser();
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    const code = await generateTotpCode({ secret: setup!.secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true, turnedOn: true });

    expect(await ensurePendingSetup({ userId, sessionId, keyring })).toBeNull();
  });
});
