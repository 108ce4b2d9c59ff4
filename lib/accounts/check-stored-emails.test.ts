import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { checkStoredEmails } from "./check-stored-emails";

/** Rows as code before ADR 0011 could store them, written directly (createAccount now normalises). */
async function legacyUser(email: string, createdAt: Date): Promise<string> {
  return (await db.user.create({ data: { email, passwordHash: "legacy", createdAt }, select: { id: true } })).id;
}

describe.each(testEngines())("checkStoredEmails on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("normalises stored addresses, reports look-alikes and unmailable ones, and loses no account", async () => {
    const id = randomUUID().slice(0, 8);
    const earlier = new Date(Date.now() - 60_000);
    const victim = await legacyUser(`victim-${id}@red.test`, earlier);
    const lookAlike = await legacyUser(`\uff56\uff49\uff43\uff54\uff49\uff4d-${id}@red.test`, new Date());
    const fullWidthOnly = await legacyUser(`\uff41\uff4c\uff49\uff43\uff45-${id}@red.test`, new Date());
    const turkish = await legacyUser(`i\u0307nfo-${id}@red.test`, new Date());
    const list = await legacyUser(`a,victim-${id}@red.test`, new Date());
    const plain = await legacyUser(`bob-${id}@red.test`, new Date());
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (line: string) => warnings.push(line) };

    const report = await checkStoredEmails({ prisma: db, log });

    expect(report.normalized).toBe(2);
    expect(report.problems).toEqual([
      { kind: "look_alike", userId: lookAlike, email: `\uff56\uff49\uff43\uff54\uff49\uff4d-${id}@red.test`, normalizedEmail: `victim-${id}@red.test` },
      { kind: "unmailable", userId: list, email: `a,victim-${id}@red.test` },
    ]);
    const emailOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email;
    expect(await emailOf(victim)).toBe(`victim-${id}@red.test`);
    expect(await emailOf(fullWidthOnly)).toBe(`alice-${id}@red.test`);
    expect(await emailOf(turkish)).toBe(`info-${id}@red.test`);
    expect(await emailOf(lookAlike)).toBe(`\uff56\uff49\uff43\uff54\uff49\uff4d-${id}@red.test`);
    expect(await emailOf(list)).toBe(`a,victim-${id}@red.test`);
    expect(await emailOf(plain)).toBe(`bob-${id}@red.test`);
    expect(await db.user.count({ where: { email: { contains: id } } })).toBe(6);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(lookAlike);
    expect(warnings[1]).toContain(list);

    // Every start: nothing more to change, the same two reported again.
    const again = await checkStoredEmails({ prisma: db, log: { info: () => {}, warn: () => {} } });
    expect(again).toEqual({ normalized: 0, problems: report.problems });
  });
});
