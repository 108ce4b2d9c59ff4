import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { argon2Verify, unmatchableArgon2Hash } from "./argon2";

/** Each thread's nice value as the kernel holds it (/proc/self/task/<tid>/stat, field 19). */
function threadNiceness(): Map<string, number> {
  return new Map(
    readdirSync("/proc/self/task").map((threadId) => {
      const stat = readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return [threadId, Number(fields[16])];
    }),
  );
}

describe.runIf(process.platform === "linux")("helper threads yield the cores to the event loop", () => {
  it("after the first argon2 computation, every thread but the main one runs 10 nicer than it, the main one unchanged", async () => {
    const mainBefore = threadNiceness().get(String(process.pid));

    await argon2Verify({ hash: unmatchableArgon2Hash(), password: "not the password" });

    const after = threadNiceness();
    const helpers = [...after].filter(([threadId]) => threadId !== String(process.pid));
    // The libuv pool (4 threads) and V8's platform threads at least.
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    expect(helpers.map(([, niceness]) => niceness)).toEqual(helpers.map(() => Math.min(19, (mainBefore ?? 0) + 10)));
    expect(after.get(String(process.pid))).toBe(mainBefore);
  });
});
