import { describe, expect, it } from "vitest";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { changeUserRole } from "./change-user-role";
import { listAuditEntries } from "./list-audit-entries";
import { setTwoFactorPolicy } from "./set-two-factor-policy";
import { createTestAccount, testContext } from "../../testing/test-accounts";

describe.each(testEngines())("listAuditEntries on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("lists every admin action newest first, filtered by action, admin and user email", async () => {
    const alice = await createTestAccount({ role: "ADMIN", twoFactor: true, emailPrefix: "alice" });
    const bob = await createTestAccount({ role: "ADMIN", emailPrefix: "bob" });
    const carol = await createTestAccount({ emailPrefix: "carol" });
    await changeUserRole({ actorId: alice.id, targetUserId: carol.id, role: "ADMIN", context: testContext });
    await changeUserRole({ actorId: bob.id, targetUserId: carol.id, role: "USER", context: testContext });
    await setTwoFactorPolicy({ actorId: alice.id, requirement: "ADMINS", graceDays: 5, context: testContext });

    const all = await listAuditEntries({});
    expect(all.entries.map((entry) => entry.action)).toEqual(["policy_changed", "role_revoked", "role_granted"]);
    expect((await listAuditEntries({ action: "role_granted" })).entries.map((entry) => entry.actorEmail)).toEqual([alice.email]);
    expect((await listAuditEntries({ actorEmail: " ALICE-" })).entries.map((entry) => entry.action)).toEqual(["policy_changed", "role_granted"]);
    expect((await listAuditEntries({ targetEmail: "carol-", actorEmail: "bob-" })).entries).toEqual([
      expect.objectContaining({ action: "role_revoked", actorEmail: bob.email, targetEmail: carol.email, reason: null }),
    ]);
    expect((await listAuditEntries({ targetEmail: "nobody" })).total).toBe(0);
  });
});
