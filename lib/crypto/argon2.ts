import { hash, hashRaw, parseOptions, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet, argon2id minimum: m=19 MiB, t=2, p=1.
// Set explicitly so a change of library defaults cannot weaken new hashes. Keys
// are the library's option names, which are also those `parseOptions` returns
// for a stored hash (for a "needs rehash" comparison).
export const argon2Parameters = {
  // Algorithm.Argon2id. The package's enum is a TypeScript `const enum`, which is
  // undefined at runtime under isolated transpilation (the library default would
  // then be used silently), so the literal value is written here.
  algorithm: 2,
  memoryCost: 19456, // KiB
  timeCost: 2, // passes
  parallelism: 1, // lanes
  outputLen: 32, // bytes
} as const;

// Counts every argon2 computation so the benchmark can prove the budget
// ("one slow hash per sign-in / per backup-code check"). The count lives on globalThis:
// Next.js bundles lib/ into its own chunks, so a module-level counter in the bundle would
// not be the one `npm run bench` (scripts/bench, same process) reads.
const counter = globalThis as typeof globalThis & { __nidanArgon2Calls?: number };
counter.__nidanArgon2Calls ??= 0;

function countCall() {
  counter.__nidanArgon2Calls = (counter.__nidanArgon2Calls ?? 0) + 1;
}

export function argon2CallCount(): number {
  return counter.__nidanArgon2Calls ?? 0;
}

/** PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) with a random salt. */
export async function argon2Hash(password: string): Promise<string> {
  countCall();
  return hash(password, argon2Parameters);
}

/** False, not an exception, when the stored hash is not a valid PHC string. */
export async function argon2Verify({ hash: storedHash, password }: { hash: string; password: string }): Promise<boolean> {
  // A corrupt or foreign stored value is a failed check, not a crash. Parsing
  // runs no argon2 computation, so it is not counted.
  try {
    parseOptions(storedHash);
  } catch {
    return false;
  }
  countCall();
  // Parameters are read from the stored hash: hashes made with older
  // parameters keep verifying.
  return verify(storedHash, password);
}

/** Raw 32-byte digest: the same input and salt always give the same bytes. */
export async function argon2HashRaw({ input, salt }: { input: string; salt: Buffer }): Promise<Buffer> {
  countCall();
  return hashRaw(input, { ...argon2Parameters, salt });
}
