import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yieldingPGlite } from "./pglite-yielding";

/** Runs `count` queries at once and says how many had finished when a 0 ms timer first fired. */
async function finishedBeforeFirstTimer(database: Pick<PGlite, "query">, count: number) {
  let finished = 0;
  let finishedAtTimer = -1;
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      finishedAtTimer = finished;
      resolve();
    }, 0),
  );
  const results = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const result = await database.query<{ n: number }>("SELECT $1::int AS n", [index]);
      finished += 1;
      return result.rows[0].n;
    }),
  );
  await timer;
  return { finishedAtTimer, results };
}

describe("yieldingPGlite", () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 60_000); // Starting PGlite (WASM) takes seconds on a loaded machine.
  afterAll(async () => {
    await pglite.close();
  });

  it("lets the event loop run between queries, where bare PGlite runs the whole queue as one block", async () => {
    const bare = await finishedBeforeFirstTimer(pglite, 200);
    expect(bare.finishedAtTimer).toBe(200);

    const yielding = await finishedBeforeFirstTimer(yieldingPGlite(pglite), 200);
    expect(yielding.finishedAtTimer).toBeLessThan(200);
    expect(yielding.results).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it("keeps transactions whole: a rolled-back transaction leaves nothing, a committed one everything", async () => {
    const database = yieldingPGlite(pglite);
    await database.exec("CREATE TABLE IF NOT EXISTS yielding_check (n int)");
    await expect(
      database.transaction(async (tx) => {
        await tx.query("INSERT INTO yielding_check VALUES (1)");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await database.transaction(async (tx) => {
      await tx.query("INSERT INTO yielding_check VALUES (2)");
      await tx.query("INSERT INTO yielding_check VALUES (3)");
    });
    expect((await database.query<{ n: number }>("SELECT n FROM yielding_check ORDER BY n")).rows.map((row) => row.n)).toEqual([2, 3]);
  });
});
