import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAccount } from "../accounts/create-account";
import { verifyTotpStep } from "../auth/verify-totp-step";
import { isSealedWithCurrentKey, openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { testEngines } from "../db/testing";
import { useFreshAppDatabase } from "../db/use-fresh-app-database";
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

async function newUserId(): Promise<string> {
  const created = await createAccount({ email: `rotate-${randomUUID()}@example.com`, password: "correct horse battery", context });
  if (!created.ok) throw new Error("could not create the user");
  return created.userId;
}

describe.each(testEngines())("rotateEncryptionKey on $name", (engine) => {
  useFreshAppDatabase(engine);

  it("re-encrypts enabled and pending secrets with the new key; the old key is then no longer needed", async () => {
    const enabledUser = await newUserId();
    const enabledSecret = (await ensurePendingSetup({ userId: enabledUser, keyring: oldKeyring }))!.secret;
    const enabled = await enableTwoFactor({
      userId: enabledUser,
      sessionId: randomUUID(),
      code: await generateTotpCode({ secret: enabledSecret }),
      keyring: oldKeyring,
      context,
    });
    expect(enabled.ok).toBe(true);
    const pendingUser = await newUserId();
    const pendingSecret = (await ensurePendingSetup({ userId: pendingUser, keyring: oldKeyring }))!.secret;

    // During the rotation, secrets sealed with the previous key still open.
    const nextCode = await generateTotpCode({ secret: enabledSecret, now: new Date(Date.now() + 30_000) });
    expect((await verifyTotpStep({ userId: enabledUser, code: nextCode, keyring: rotatingKeyring, context })).ok).toBe(true);

    const result = await rotateEncryptionKey({ keyring: rotatingKeyring });
    expect(result.resealed).toBe(2);

    const rows = await db.twoFactor.findMany({ where: { userId: { in: [enabledUser, pendingUser] } } });
    const enabledRow = rows.find((row) => row.userId === enabledUser)!;
    const pendingRow = rows.find((row) => row.userId === pendingUser)!;
    expect(isSealedWithCurrentKey({ envelope: enabledRow.secretEncrypted!, keyring: newOnlyKeyring })).toBe(true);
    expect(openSecret({ envelope: enabledRow.secretEncrypted!, keyring: newOnlyKeyring })).toBe(enabledSecret);
    expect(openSecret({ envelope: pendingRow.pendingSecretEncrypted!, keyring: newOnlyKeyring })).toBe(pendingSecret);
    expect((await ensurePendingSetup({ userId: pendingUser, keyring: newOnlyKeyring }))!.secret).toBe(pendingSecret);

    expect(await rotateEncryptionKey({ keyring: rotatingKeyring })).toMatchObject({ resealed: 0 });
  });
});
