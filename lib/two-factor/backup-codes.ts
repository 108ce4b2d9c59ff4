import { randomBytes, randomInt } from "node:crypto";
import { argon2HashRaw } from "../crypto/argon2";

export const backupCodeCount = 10;
export const backupCodeDigits = 8;
/** At or below this many unused codes, settings ask the user to download a new set. */
export const lowBackupCodesThreshold = 3;
export const backupCodesFileName = "nidan-backup-codes.txt";

const backupCodeSaltBytes = 16;

/** Ten distinct codes, each uniformly random over 00000000–99999999 (leading zeros kept). */
export function generateBackupCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < backupCodeCount) {
    codes.add(randomInt(10 ** backupCodeDigits).toString().padStart(backupCodeDigits, "0"));
  }
  return [...codes];
}

/** One salt per set of codes, base64. */
export function createBackupCodeSalt(): string {
  return randomBytes(backupCodeSaltBytes).toString("base64");
}

/**
 * Deterministic for a given set's salt, so a typed code is checked with one
 * argon2 computation and an equality lookup, however many codes remain (a
 * per-code salt would need one verify per remaining code).
 */
export async function hashBackupCode({ code, salt }: { code: string; salt: string }): Promise<string> {
  const digest = await argon2HashRaw({ input: code, salt: decodeSalt(salt) });
  return digest.toString("hex");
}

export async function hashBackupCodes({ codes, salt }: { codes: string[]; salt: string }): Promise<string[]> {
  // argon2 runs on the libuv thread pool, so these proceed in parallel off the event loop.
  return Promise.all(codes.map((code) => hashBackupCode({ code, salt })));
}

/** "1234 5678": easier to read and copy by eye than eight digits in a row. */
export function formatBackupCodeForDisplay(code: string): string {
  const half = code.length / 2;
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Contents of the downloaded file: a short header, a blank line, one code per line. */
export function formatBackupCodesFile({
  appName,
  accountEmail,
  codes,
  createdAt,
}: {
  appName: string;
  accountEmail: string;
  codes: string[];
  createdAt: Date;
}): string {
  const createdOn = createdAt.toISOString().slice(0, 10); // yyyy-mm-dd, UTC
  const lines = [
    `${appName} backup codes`,
    `Account: ${accountEmail}`,
    `Created: ${createdOn} (UTC)`,
    "Each code works once; downloading new codes invalidates these. 各コードは1回だけ使えます。新しいコードをダウンロードすると、これらのコードは無効になります。",
    "",
    ...codes,
  ];
  return `${lines.join("\n")}\n`;
}

function decodeSalt(salt: string): Buffer {
  const bytes = Buffer.from(salt, "base64");
  if (bytes.length !== backupCodeSaltBytes || bytes.toString("base64") !== salt) {
    throw new RangeError(`A backup code salt must be the base64 of ${backupCodeSaltBytes} bytes.`);
  }
  return bytes;
}
