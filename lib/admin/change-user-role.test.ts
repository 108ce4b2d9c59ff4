import { describe, expect, it } from "vitest";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { changeUserRole } from "./change-user-role";
import { createTestAccount, testContext } from "../../testing/test-accounts";

const roleOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })).role;

describe.each(testEngines())("changeUserRole on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("lets an admin promote a user and demote an admin, with one audit entry each", async () => {
    const admin = await createTestAccount({ role: "ADMIN" });
    const user = await createTestAccount();

    expect(await changeUserRole({ actorId: admin.id, targetUserId: user.id, role: "ADMIN", context: testContext })).toEqual({ ok: true, changed: true });
    expect(await roleOf(user.id)).toBe("ADMIN");
    expect(await changeUserRole({ actorId: admin.id, targetUserId: user.id, role: "ADMIN", context: testContext })).toEqual({ ok: true, changed: false });
    expect(await changeUserRole({ actorId: admin.id, targetUserId: user.id, role: "USER", context: testContext })).toEqual({ ok: true, changed: true });
    expect(await roleOf(user.id)).toBe("USER");

    const entries = await db.adminAuditEntry.findMany({ where: { targetId: user.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map(({ action, actorEmail, targetEmail }) => ({ action, actorEmail, targetEmail }))).toEqual([
      { action: "role_granted", actorEmail: admin.email, targetEmail: user.email },
      { action: "role_revoked", actorEmail: admin.email, targetEmail: user.email },
    ]);
  });

  it("refuses a user who is not an admin, and an unknown target", async () => {
    const user = await createTestAccount();
    const other = await createTestAccount();
    const admin = await createTestAccount({ role: "ADMIN" });
    expect(await changeUserRole({ actorId: user.id, targetUserId: user.id, role: "ADMIN", context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect(await changeUserRole({ actorId: user.id, targetUserId: admin.id, role: "USER", context: testContext })).toEqual({ ok: false, reason: "forbidden" });
    expect(await changeUserRole({ actorId: admin.id, targetUserId: "not-a-uuid", role: "ADMIN", context: testContext })).toEqual({ ok: false, reason: "not_found" });
    expect(await changeUserRole({ actorId: admin.id, targetUserId: crypto.randomUUID(), role: "ADMIN", context: testContext })).toEqual({ ok: false, reason: "not_found" });
    expect([await roleOf(user.id), await roleOf(other.id), await roleOf(admin.id)]).toEqual(["USER", "USER", "ADMIN"]);
  });

  it("never demotes the last admin, even when two admins demote each other at the same moment", async () => {
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const first = await createTestAccount({ role: "ADMIN" });
    expect(await changeUserRole({ actorId: first.id, targetUserId: first.id, role: "USER", context: testContext })).toEqual({ ok: false, reason: "last_admin" });

    const second = await createTestAccount({ role: "ADMIN" });
    const results = await Promise.all([
      changeUserRole({ actorId: first.id, targetUserId: second.id, role: "USER", context: testContext }),
      changeUserRole({ actorId: second.id, targetUserId: first.id, role: "USER", context: testContext }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)[0]).toMatch(/^(forbidden|last_admin)$/);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);

    const third = await createTestAccount({ role: "ADMIN" });
    const [survivor] = await db.user.findMany({ where: { role: "ADMIN", id: { not: third.id } }, select: { id: true } });
    const selfDemotions = await Promise.all(
      [survivor.id, third.id].map((id) => changeUserRole({ actorId: id, targetUserId: id, role: "USER", context: testContext })),
    );
    expect(selfDemotions.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});
