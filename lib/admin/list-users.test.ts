import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startSession } from "../auth/start-session";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { getUserDetails } from "./get-user-details";
import { listUsers, usersPageSize } from "./list-users";
import { createTestAccount, testContext } from "../../testing/test-accounts";

describe.each(testEngines())("listUsers on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("pages the accounts newest first, 20 a page, and shows a page past the end as the last", async () => {
    const batch = randomUUID().slice(0, 8);
    // Only listing is tested here, so these accounts never sign in and need no real password hash.
    await db.user.createMany({
      data: Array.from({ length: 45 }, (_, index) => ({
        email: `paged-${batch}-${String(index).padStart(2, "0")}@example.com`,
        passwordHash: "unused",
        createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
      })),
    });
    const first = await listUsers({ query: `paged-${batch}` });
    expect(first).toMatchObject({ total: 45, page: 1, pageCount: 3 });
    expect(first.users).toHaveLength(usersPageSize);
    expect(first.users[0].email).toBe(`paged-${batch}-44@example.com`);
    const last = await listUsers({ query: `paged-${batch}`, page: 9 });
    expect(last.page).toBe(3);
    expect(last.users.map((user) => user.email)).toEqual([4, 3, 2, 1, 0].map((index) => `paged-${batch}-0${index}@example.com`));
  });

  it("finds any part of the email address, whatever its case, and treats % and _ as plain characters", async () => {
    const tag = randomUUID().slice(0, 8);
    await db.user.createMany({
      data: [`alice_${tag}@example.com`, `alicex${tag}@example.com`, `bob-${tag}@example.org`].map((email) => ({ email, passwordHash: "unused" })),
    });
    expect((await listUsers({ query: ` ALICE_${tag.toUpperCase()} ` })).users.map((user) => user.email)).toEqual([`alice_${tag}@example.com`]);
    expect((await listUsers({ query: tag })).total).toBe(3);
    expect((await listUsers({ query: `${tag}@example.org` })).users.map((user) => user.email)).toEqual([`bob-${tag}@example.org`]);
    expect((await listUsers({ query: `%${tag}` })).total).toBe(0);
    expect((await listUsers({ query: `\\${tag}` })).total).toBe(0);
  });

  it("shows each user's role, 2FA, unused backup codes and last sign-in, and narrows by role", async () => {
    const admin = await createTestAccount({ role: "ADMIN", emailPrefix: "facts" });
    const user = await createTestAccount({ twoFactor: true, emailPrefix: "facts" });
    await db.backupCode.updateMany({ where: { userId: user.id }, data: { usedAt: new Date() }, limit: 7 });
    await startSession({ userId: user.id, method: "backup_code", context: testContext });

    const [row] = (await listUsers({ query: user.email })).users;
    expect(row).toMatchObject({ id: user.id, role: "USER", twoFactorEnabled: true, backupCodesLeft: 3, lockedUntil: null });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect((await listUsers({ query: admin.email })).users[0]).toMatchObject({ role: "ADMIN", twoFactorEnabled: false, backupCodesLeft: 0 });
    expect((await listUsers({ query: "facts-", role: "ADMIN" })).users.map((entry) => entry.id)).toEqual([admin.id]);
    expect(await getUserDetails({ userId: user.id })).toMatchObject({ email: user.email, activeSessionCount: 2 });
    expect(await getUserDetails({ userId: "../etc" })).toBeNull();
  });
});
