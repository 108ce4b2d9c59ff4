import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { tempDir, testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { demoUserEmail, ensureDemoUser } from "./ensure-demo-user";

describe.each(testEngines())("ensureDemoUser on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("prints the demo user's password at its creation only, never at a later start", async () => {
    const dataDir = tempDir("nidan-demo-user-");
    const firstStart: string[] = [];
    await ensureDemoUser({ dataDir, print: (line) => firstStart.push(line) });

    const [email, password] = readFileSync(`${dataDir}/demo-user.txt`, "utf8").split("\n");
    expect(email).toBe(demoUserEmail);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(statSync(`${dataDir}/demo-user.txt`).mode & 0o777).toBe(0o600);
    expect(firstStart).toHaveLength(1);
    expect(firstStart[0]).toContain(demoUserEmail);
    expect(firstStart[0]).toContain(password);

    for (let restart = 0; restart < 2; restart += 1) {
      const laterStart: string[] = [];
      await ensureDemoUser({ dataDir, print: (line) => laterStart.push(line) });
      expect(laterStart.join("\n")).not.toContain(password);
      expect(laterStart.join("\n")).toContain("demo-user.txt");
    }
    expect(await db.user.count({ where: { email: demoUserEmail } })).toBe(1);
  });

  it("prints nothing and creates no demo user when the install already had users", async () => {
    const dataDir = tempDir("nidan-demo-user-");
    const printed: string[] = [];
    await ensureDemoUser({ dataDir, print: (line) => printed.push(line) });
    expect(printed).toEqual([]);
  });
});
