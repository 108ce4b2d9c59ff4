import { randomBytes } from "node:crypto";
import { hash, hashRaw, parseOptions, verify } from "@node-rs/argon2";
import { type Argon2Admitted, argon2AdmittedChannel, argon2Channel, type Argon2Computed, type Argon2Kind } from "./argon2-channel";
import { assertHashQueueRoom, inHashQueue } from "./hash-queue";

export { argon2ConcurrencyLimit, HashQueueBusyError } from "./hash-queue";

export type Argon2Cost = { memoryCost: number; timeCost: number; parallelism: number };

// RFC 9106 §4, second recommended option: m = 64 MiB, t = 3 — stronger than every OWASP
// option, and one verify then outweighs the rest of a sign-in (ADR 0003). p = 1: this build
// computes lanes one after another on one thread, so p = 4 adds CPU and no speed (ADR 0008).
// Set explicitly so a change of library defaults cannot weaken new hashes. Keys are the
// library's option names, which are also those `parseOptions` returns for a stored hash.
export const argon2Parameters = {
  // Algorithm.Argon2id. The package's enum is a TypeScript `const enum`, which is
  // undefined at runtime under isolated transpilation (the library default would
  // then be used silently), so the literal value is written here.
  algorithm: 2,
  memoryCost: 65536, // KiB
  timeCost: 3, // passes
  parallelism: 1, // lanes
  outputLen: 32, // bytes
} as const;

/** The cost before ADR 0008 (OWASP's minimum): stored hashes and backup-code sets made with it keep working. */
export const owaspMinimumArgon2Cost: Argon2Cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * Each computation waits its turn in the bounded queue (hash-queue.ts, ADR 0010), and may be
 * refused there with HashQueueBusyError. It is published on the argon2 channels
 * (argon2-channel.ts) only while someone listens.
 */
async function inArgon2Slot<T>(kind: Argon2Kind, compute: () => Promise<T>): Promise<T> {
  assertHashQueueRoom();
  if (argon2AdmittedChannel.hasSubscribers) argon2AdmittedChannel.publish({ kind } satisfies Argon2Admitted);
  return inHashQueue(async () => {
    if (!argon2Channel.hasSubscribers) return compute();
    const startedAt = performance.now();
    try {
      return await compute();
    } finally {
      argon2Channel.publish({ kind, ms: performance.now() - startedAt } satisfies Argon2Computed);
    }
  });
}

/** PHC string (`$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>`) with a random salt. */
export async function argon2Hash(password: string): Promise<string> {
  return inArgon2Slot("hash", () => hash(password, argon2Parameters));
}

/** False, not an exception, when the stored hash is not a valid PHC string. */
export async function argon2Verify({ hash: storedHash, password }: { hash: string; password: string }): Promise<boolean> {
  // A corrupt or foreign stored value is a failed check, not a crash. Parsing
  // runs no argon2 computation, so nothing is published.
  try {
    parseOptions(storedHash);
  } catch {
    return false;
  }
  // Parameters are read from the stored hash: hashes made with older
  // parameters keep verifying.
  return inArgon2Slot("verify", () => verify(storedHash, password));
}

/** True when a valid stored hash was made with other parameters than `argon2Parameters` (then rehash it). */
export function argon2NeedsRehash(storedHash: string): boolean {
  let stored;
  try {
    stored = parseOptions(storedHash);
  } catch {
    return false;
  }
  const keys = ["algorithm", "memoryCost", "timeCost", "parallelism", "outputLen"] as const;
  // Version 1 is 0x13 (v=19), the library's only output.
  return stored.version !== 1 || keys.some((key) => stored[key] !== argon2Parameters[key]);
}

/**
 * A PHC string with the current parameters that no password matches: random salt, random
 * digest. Verifying against it costs exactly what verifying a real hash costs.
 */
export function unmatchableArgon2Hash(): string {
  const { memoryCost, timeCost, parallelism } = argon2Parameters;
  const phcBase64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
  return `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$${phcBase64(randomBytes(16))}$${phcBase64(randomBytes(argon2Parameters.outputLen))}`;
}

/** Raw 32-byte digest: the same input, salt and cost always give the same bytes. */
export async function argon2HashRaw({ input, salt, cost = argon2Parameters }: { input: string; salt: Buffer; cost?: Argon2Cost }): Promise<Buffer> {
  const { memoryCost, timeCost, parallelism } = cost;
  return inArgon2Slot("hash", () => hashRaw(input, { ...argon2Parameters, memoryCost, timeCost, parallelism, salt }));
}
