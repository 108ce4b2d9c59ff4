// `npm run keys:rotate`: re-encrypts every TOTP secret with TOTP_ENCRYPTION_KEY, and rewrites
// legacy v1 envelopes as v2 (bound to their user and column, ADR 0011) — run it once after upgrading.
// Rotation: set the new key as TOTP_ENCRYPTION_KEY and the old one in
// TOTP_ENCRYPTION_KEY_PREVIOUS, deploy, run this, then drop the old key (docs/operations.md).
import { closeDb, ensureDatabaseReady } from "../lib/db";
import { ConfigError, getConfig } from "../lib/env";
import { rotateEncryptionKey } from "../lib/two-factor/rotate-encryption-key";

try {
  const config = getConfig();
  await ensureDatabaseReady();
  const { checked, resealed } = await rotateEncryptionKey({ keyring: config.totpKeyring });
  // Read back: a second pass finds every secret sealed with the current key, or the writes went nowhere.
  const readBack = await rotateEncryptionKey({ keyring: config.totpKeyring });
  if (readBack.resealed > 0) throw new Error(`${readBack.resealed} secrets were still sealed with an old key or envelope format when read back`);
  console.info(`Checked ${checked} two-factor records; re-encrypted ${resealed} secrets with the current key and envelope format.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Key rotation failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
