import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { startSession } from "../auth/start-session";
import { openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { testEngines } from "../db/testing";
import { enableTwoFactor } from "./enable-two-factor";
import { ensurePendingSetup } from "./ensure-pending-setup";
import { generateTotpCode } from "./totp";
import { useFreshAppDatabase } from "../db/use-fresh-app-database";

const context = { ip: "203.0.113.12", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };

describe.each(testEngines())("ensurePendingSetup on $name", (engine) => {
  useFreshAppDatabase(engine);

  async function newUserId(): Promise<string> {
    const created = await createAccount({ email: `setup-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    return created.userId;
  }

  it("creates a base32 key on the first call and shows the same one on every later call", async () => {
    const userId = await newUserId();

    const first = await ensurePendingSetup({ userId, keyring });
    const second = await ensurePendingSetup({ userId, keyring });
    const third = await ensurePendingSetup({ userId, keyring });

    expect(first?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await db.twoFactor.count({ where: { userId } })).toBe(1);
  });

  it("gives five simultaneous first calls the same key", async () => {
    const userId = await newUserId();

    const results = await Promise.all(Array.from({ length: 5 }, () => ensurePendingSetup({ userId, keyring })));

    const secrets = new Set(results.map((result) => result?.secret));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]).toMatch(/^[A-Z2-7]{32}$/);
    expect(await ensurePendingSetup({ userId, keyring })).toEqual(results[0]);
  });

  it("stores the pending key sealed (v1 envelope), never as the plain base32 secret", async () => {
    const userId = await newUserId();

    const setup = await ensurePendingSetup({ userId, keyring });

    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.pendingSecretEncrypted).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(JSON.stringify(row)).not.toContain(setup!.secret);
    expect(openSecret({ envelope: row.pendingSecretEncrypted!, keyring })).toBe(setup!.secret);
    expect(row).toMatchObject({ enabledAt: null, secretEncrypted: null });
    expect(row.pendingCreatedAt).toBeInstanceOf(Date);
  });

  it("returns null once two-factor authentication is on", async () => {
    const userId = await newUserId();
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, keyring });
    const code = await generateTotpCode({ secret: setup!.secret });
    expect(await enableTwoFactor({ userId, sessionId, code, keyring, context })).toEqual({ ok: true });

    expect(await ensurePendingSetup({ userId, keyring })).toBeNull();
  });
});
