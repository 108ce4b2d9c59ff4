import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { argon2NeedsRehash, argon2Parameters, argon2Verify, owaspMinimumArgon2Cost } from "../crypto/argon2";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { upgradePasswordHash } from "./password-step";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const password = "correct horse battery staple";
const context = { ip: null, userAgent: "vitest" };

describe.each(testEngines())("upgradePasswordHash on $name", (engine) => {
  useFreshAppDatabase(engine);

  /** A user whose stored hash was made as before ADR 0008, with OWASP's minimum cost. */
  async function userWithEarlierHash(): Promise<{ userId: string; earlierHash: string }> {
    const created = await createAccount({ email: `user-${randomUUID()}@example.com`, password, context });
    if (!created.ok) throw new Error("could not create the user");
    const earlierHash = await hash(password, { ...argon2Parameters, ...owaspMinimumArgon2Cost });
    await db.user.update({ where: { id: created.userId }, data: { passwordHash: earlierHash } });
    return { userId: created.userId, earlierHash };
  }

  const storedHash = async (userId: string) =>
    (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;

  it("replaces a hash made with the earlier parameters by one of the same password with the current ones", async () => {
    const { userId, earlierHash } = await userWithEarlierHash();

    expect(await upgradePasswordHash({ userId, verifiedHash: earlierHash, password })).toBe(true);

    const upgraded = await storedHash(userId);
    expect(argon2NeedsRehash(upgraded)).toBe(false);
    expect(await argon2Verify({ hash: upgraded, password })).toBe(true);
  });

  it("computes nothing and writes nothing for a hash with the current parameters", async () => {
    const { userId } = await userWithEarlierHash();
    const current = await storedHash(userId);
    await upgradePasswordHash({ userId, verifiedHash: current, password });
    const upgraded = await storedHash(userId);
    const before = argon2Computations.computed();

    expect(await upgradePasswordHash({ userId, verifiedHash: upgraded, password })).toBe(false);

    expect(argon2Computations.computed() - before).toBe(0);
    expect(await storedHash(userId)).toBe(upgraded);
  });

  it("leaves a hash that changed since it was verified, and lets one of two simultaneous upgrades write", async () => {
    const { userId, earlierHash } = await userWithEarlierHash();

    const results = await Promise.all([
      upgradePasswordHash({ userId, verifiedHash: earlierHash, password }),
      upgradePasswordHash({ userId, verifiedHash: earlierHash, password }),
    ]);
    expect(results.toSorted()).toEqual([false, true]);
    const winner = await storedHash(userId);

    expect(await upgradePasswordHash({ userId, verifiedHash: earlierHash, password })).toBe(false);
    expect(await storedHash(userId)).toBe(winner);
  });
});
