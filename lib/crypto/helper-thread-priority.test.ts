import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { argon2Verify, unmatchableArgon2Hash } from "./argon2";
import { lowerHelperThreadPriority } from "./helper-thread-priority";

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

const helpersOf = (niceness: Map<string, number>) => [...niceness].filter(([threadId]) => threadId !== String(process.pid));

// In this order: a nice value, once raised, cannot be lowered again without privilege.
describe.runIf(process.platform === "linux")("helper threads yield the cores to the event loop", () => {
  it("hashing alone changes no thread's priority: only the explicit call at start does", async () => {
    await argon2Verify({ hash: unmatchableArgon2Hash(), password: "not the password" });
    const after = threadNiceness();
    const main = after.get(String(process.pid));
    expect(helpersOf(after).map(([, niceness]) => niceness)).toEqual(helpersOf(after).map(() => main));
  });

  it("lowerHelperThreadPriority sets every thread but the main one 10 nicer than it, the main one unchanged", async () => {
    const mainBefore = threadNiceness().get(String(process.pid));

    const lowered = await lowerHelperThreadPriority();

    const after = threadNiceness();
    const helpers = helpersOf(after);
    // The libuv pool (4 threads) and V8's platform threads at least.
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    expect(lowered).toBe(helpers.length);
    expect(helpers.map(([, niceness]) => niceness)).toEqual(helpers.map(() => Math.min(19, (mainBefore ?? 0) + 10)));
    expect(after.get(String(process.pid))).toBe(mainBefore);
  });
});
