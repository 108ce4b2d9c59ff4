import { randomBytes, randomInt } from "node:crypto";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translator";
import { type Argon2Cost, argon2HashRaw, argon2Parameters, owaspMinimumArgon2Cost } from "../crypto/argon2";

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

/**
 * One salt per set of codes, stored with the argon2 cost the set is hashed with, in the shape
 * of a PHC string without its digest: `$argon2id$v=19$m=65536,t=3,p=1$<salt, base64>`. A set is
 * checked with its own cost whatever the app's current one (ADR 0008); a bare base64 salt is
 * a set made before costs were stored, with OWASP's minimum.
 */
export function createBackupCodeSalt(): string {
  const { memoryCost, timeCost, parallelism } = argon2Parameters;
  return `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$${randomBytes(backupCodeSaltBytes).toString("base64")}`;
}

/**
 * Deterministic for a given set's salt, so a typed code is checked with one
 * argon2 computation and an equality lookup, however many codes remain (a
 * per-code salt would need one verify per remaining code).
 */
export async function hashBackupCode({ code, salt }: { code: string; salt: string }): Promise<string> {
  const { bytes, cost } = decodeSalt(salt);
  const digest = await argon2HashRaw({ input: code, salt: bytes, cost });
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

/**
 * Contents of the downloaded file, in the person's language with the screen's words: a short
 * header, a blank line, then one code per line in the order they are numbered (the QA contract:
 * the Nth line after the blank line is code #N, and nothing else is on it).
 */
export function formatBackupCodesFile({
  appName,
  accountEmail,
  codes,
  createdAt,
  locale,
}: {
  appName: string;
  accountEmail: string;
  codes: string[];
  createdAt: Date;
  locale: Locale;
}): string {
  const t = translatorFor(locale);
  const createdOn = createdAt.toISOString().slice(0, 10); // yyyy-mm-dd, UTC
  const lines = [
    t("backupCodesFile.title", { appName }),
    t("backupCodesFile.account", { email: accountEmail }),
    t("backupCodesFile.created", { date: createdOn }),
    t("backupCodesFile.once"),
    t("backupCodesFile.order", { count: codes.length }),
    "",
    ...codes,
  ];
  return `${lines.join("\n")}\n`;
}

function decodeSalt(salt: string): { bytes: Buffer; cost: Argon2Cost } {
  const withCost = /^\$argon2id\$v=19\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,2})\$([^$]*)$/.exec(salt);
  const encoded = withCost ? withCost[4] : salt;
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== backupCodeSaltBytes || bytes.toString("base64") !== encoded) {
    throw new RangeError(`A backup code salt must be the base64 of ${backupCodeSaltBytes} bytes, after its argon2 cost if any.`);
  }
  if (!withCost) return { bytes, cost: owaspMinimumArgon2Cost };
  return { bytes, cost: { memoryCost: Number(withCost[1]), timeCost: Number(withCost[2]), parallelism: Number(withCost[3]) } };
}
