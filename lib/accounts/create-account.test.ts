import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { createAccount } from "./create-account";

const context = { ip: "203.0.113.14", userAgent: "vitest" };
const password = "correct horse battery";
const fullWidth = (text: string) => text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

describe.each(testEngines())("createAccount on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("refuses, as already taken, every look-alike of an existing address", async () => {
    const id = randomUUID().slice(0, 8);
    const victim = await createAccount({ email: `jos\u00e9-info-${id}@red.test`, password, context });
    expect(victim.ok).toBe(true);

    for (const lookAlike of [
      fullWidth(`jos\u00e9-info-${id}@red.test`),
      `jose\u0301-info-${id}@red.test`,
      `JOS\u00c9-\u0130NFO-${id}@RED.TEST`,
    ]) {
      expect(await createAccount({ email: lookAlike, password, context })).toEqual({ ok: false, reason: "email_taken" });
    }
    expect(await db.user.count({ where: { email: { contains: id } } })).toBe(1);
  });

  it("stores the normalised address whatever the caller passed", async () => {
    const id = randomUUID().slice(0, 8);
    const created = await createAccount({ email: ` ＶＩＣＴＩＭ-${id}＠ｒｅｄ．ｔｅｓｔ `, password, context });
    if (!created.ok) throw new Error("not created");

    expect(await db.user.findUniqueOrThrow({ where: { id: created.userId }, select: { email: true } })).toEqual({ email: `victim-${id}@red.test` });
  });

  it("lets exactly one of two look-alikes signed up at once through", async () => {
    const id = randomUUID().slice(0, 8);

    const results = await Promise.all([`twin-${id}@red.test`, fullWidth(`twin-${id}@red.test`)].map((email) => createAccount({ email, password, context })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "email_taken" }]);
  });
});
