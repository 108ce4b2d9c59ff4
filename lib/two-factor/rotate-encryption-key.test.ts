import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealLegacyV1 } from "../../testing/legacy-envelope";
import { createAccount } from "../accounts/create-account";
import { verifyTotpStep } from "../auth/code-steps";
import { isSealedWithCurrentKey, keyIdOf, type Keyring, openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { enableTwoFactor } from "./enable-two-factor";
import { ensurePendingSetup } from "./ensure-pending-setup";
import { rotateEncryptionKey } from "./rotate-encryption-key";
import { generateTotpCode } from "./totp";

const context = { ip: null, userAgent: "vitest" };
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const oldKeyring = { current: oldKey, previous: [] };
const rotatingKeyring = { current: newKey, previous: [oldKey] };
const newOnlyKeyring = { current: newKey, previous: [] };
const bound = (userId: string, column: string) => ({ userId, column });

/** A user with two-factor authentication on, through the app's own functions. */
async function userWithTwoFactor(keyring: Keyring): Promise<{ userId: string; secret: string }> {
  const userId = await newUserId();
  const sessionId = randomUUID();
  const secret = (await ensurePendingSetup({ userId, sessionId, keyring }))!.secret;
  const enabled = await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret }), keyring, context });
  if (!enabled.ok) throw new Error(`could not enable: ${enabled.reason}`);
  return { userId, secret };
}

async function newUserId(): Promise<string> {
  const created = await createAccount({ email: `rotate-${randomUUID()}@example.com`, password: "correct horse battery", context });
  if (!created.ok) throw new Error("could not create the user");
  return created.userId;
}

describe.each(testEngines())("rotateEncryptionKey on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("re-encrypts enabled and pending secrets with the new key; the old key is then no longer needed", async () => {
    const enabledUser = await newUserId();
    const setupSessionId = randomUUID();
    const enabledSecret = (await ensurePendingSetup({ userId: enabledUser, sessionId: setupSessionId, keyring: oldKeyring }))!.secret;
    const enabled = await enableTwoFactor({
      userId: enabledUser,
      sessionId: setupSessionId,
      code: await generateTotpCode({ secret: enabledSecret }),
      keyring: oldKeyring,
      context,
    });
    expect(enabled.ok).toBe(true);
    const pendingUser = await newUserId();
    const pendingSessionId = randomUUID();
    const pendingSecret = (await ensurePendingSetup({ userId: pendingUser, sessionId: pendingSessionId, keyring: oldKeyring }))!.secret;

    // During the rotation, secrets sealed with the previous key still open.
    const nextCode = await generateTotpCode({ secret: enabledSecret, now: new Date(Date.now() + 30_000) });
    expect((await verifyTotpStep({ userId: enabledUser, code: nextCode, keyring: rotatingKeyring, context })).ok).toBe(true);

    const result = await rotateEncryptionKey({ keyring: rotatingKeyring });
    expect(result.resealed).toBe(2);

    const rows = await db.twoFactor.findMany({ where: { userId: { in: [enabledUser, pendingUser] } } });
    const enabledRow = rows.find((row) => row.userId === enabledUser)!;
    const pendingRow = rows.find((row) => row.userId === pendingUser)!;
    expect(isSealedWithCurrentKey({ envelope: enabledRow.secretEncrypted!, keyring: newOnlyKeyring })).toBe(true);
    expect(openSecret({ envelope: enabledRow.secretEncrypted!, keyring: newOnlyKeyring, binding: bound(enabledUser, "secretEncrypted") })).toBe(
      enabledSecret,
    );
    expect(
      openSecret({ envelope: pendingRow.pendingSecretEncrypted!, keyring: newOnlyKeyring, binding: bound(pendingUser, "pendingSecretEncrypted") }),
    ).toBe(pendingSecret);
    expect((await ensurePendingSetup({ userId: pendingUser, sessionId: pendingSessionId, keyring: newOnlyKeyring }))!.secret).toBe(pendingSecret);

    expect(await rotateEncryptionKey({ keyring: rotatingKeyring })).toMatchObject({ resealed: 0 });
  });

  it("rewrites legacy v1 envelopes as v2, bound to their user and column, with the same key", async () => {
    const { userId, secret } = await userWithTwoFactor(newOnlyKeyring);
    const legacy = sealLegacyV1({ plaintext: secret, key: newKey });
    await db.twoFactor.update({ where: { userId }, data: { secretEncrypted: legacy } });
    // Before the upgrade the legacy envelope still signs in (nobody is locked out by the new format).
    const beforeUpgrade = await generateTotpCode({ secret, now: new Date(Date.now() + 30_000) });
    expect((await verifyTotpStep({ userId, code: beforeUpgrade, keyring: newOnlyKeyring, context })).ok).toBe(true);

    const result = await rotateEncryptionKey({ keyring: newOnlyKeyring });

    expect(result.resealed).toBe(1);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.secretEncrypted).toMatch(new RegExp(`^v2\\.${keyIdOf(newKey)}\\.`));
    expect(openSecret({ envelope: row.secretEncrypted!, keyring: newOnlyKeyring, binding: bound(userId, "secretEncrypted") })).toBe(secret);
    const twoStepsLater = new Date(Date.now() + 60_000);
    const afterUpgrade = await generateTotpCode({ secret, now: twoStepsLater });
    expect((await verifyTotpStep({ userId, code: afterUpgrade, keyring: newOnlyKeyring, context, now: twoStepsLater })).ok).toBe(true);
    expect(await rotateEncryptionKey({ keyring: newOnlyKeyring })).toMatchObject({ resealed: 0 });
  });

  it("a secret copied to another user's row no longer opens: that user's codes are not the copied ones", async () => {
    const attacker = await userWithTwoFactor(newOnlyKeyring);
    const victim = await userWithTwoFactor(newOnlyKeyring);
    const attackerRow = await db.twoFactor.findUniqueOrThrow({ where: { userId: attacker.userId } });
    await db.twoFactor.update({ where: { userId: victim.userId }, data: { secretEncrypted: attackerRow.secretEncrypted } });

    const withAttackersCode = verifyTotpStep({
      userId: victim.userId,
      code: await generateTotpCode({ secret: attacker.secret, now: new Date(Date.now() + 30_000) }),
      keyring: newOnlyKeyring,
      context,
    });

    await expect(withAttackersCode).rejects.toThrow(/failed authentication/);
    expect(() =>
      openSecret({ envelope: attackerRow.secretEncrypted!, keyring: newOnlyKeyring, binding: bound(victim.userId, "secretEncrypted") }),
    ).toThrow(/failed authentication/);
  });
});
