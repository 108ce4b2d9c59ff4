import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { startSession } from "../auth/start-session";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { backupCodeRegenerationBudget } from "../security/rate-limit";
import { enableTwoFactor } from "./enable-two-factor";
import { ensurePendingSetup } from "./ensure-pending-setup";
import { regenerateBackupCodes } from "./regenerate-backup-codes";
import { generateTotpCode } from "./totp";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

const context = { ip: null, userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
const start = new Date("2026-12-02T10:00:00Z");

describe.each(testEngines())("regenerateBackupCodes on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("makes at most 3 sets in 10 minutes per user: a fourth within them is refused before any hash, and the third set stays", async () => {
    const created = await createAccount({ email: `regen-${randomUUID()}@example.com`, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    const { sessionId } = await startSession({ userId, method: "password", context });
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret: setup!.secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });

    for (const secondsLater of [0, 10, 20]) {
      expect((await regenerateBackupCodes({ userId, context, now: new Date(start.getTime() + secondsLater * 1000) })).ok).toBe(true);
    }
    const storedThird = await db.backupCode.findMany({ where: { userId }, select: { codeHash: true }, orderBy: { codeHash: "asc" } });

    const hashesBefore = argon2Computations.computed();
    const fourth = await regenerateBackupCodes({ userId, context, now: new Date(start.getTime() + 30_000) });
    expect(fourth).toEqual({ ok: false, reason: "too_soon", retryAfterSeconds: 570 });
    expect(argon2Computations.computed()).toBe(hashesBefore);
    expect(await db.backupCode.findMany({ where: { userId }, select: { codeHash: true }, orderBy: { codeHash: "asc" } })).toEqual(storedThird);

    // Once the window has passed, a new set is made again.
    const later = await regenerateBackupCodes({ userId, context, now: new Date(start.getTime() + backupCodeRegenerationBudget.windowSeconds * 1000) });
    expect(later.ok).toBe(true);
    // Four sets are 40 argon2 hashes at 64 MiB: slow beside an end-to-end run on two cores.
  }, 180_000);
});
