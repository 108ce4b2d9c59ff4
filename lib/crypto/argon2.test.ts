import { hash as rawHash, hashRaw } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  argon2ConcurrencyLimit,
  argon2Hash,
  argon2HashRaw,
  argon2NeedsRehash,
  argon2Parameters,
  argon2Verify,
  owaspMinimumArgon2Cost,
  unmatchableArgon2Hash,
} from "./argon2";
import { argon2AdmittedChannel, argon2Channel, watchArgon2Computations } from "./argon2-channel";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

/** A hash as stored before ADR 0008, with OWASP's minimum cost. */
const owaspMinimumHash = (password: string) => rawHash(password, { ...argon2Parameters, ...owaspMinimumArgon2Cost });

async function callsMadeBy(action: () => Promise<unknown>): Promise<number> {
  const before = argon2Computations.computed();
  await action();
  return argon2Computations.computed() - before;
}

describe("argon2Hash / argon2Verify", () => {
  it("stores an argon2id PHC string with RFC 9106's second recommended cost (64 MiB, 3 passes)", async () => {
    const stored = await argon2Hash("correct horse battery staple");
    expect(stored.startsWith("$argon2id$v=19$m=65536,t=3,p=1$")).toBe(true);
    expect(argon2Parameters).toMatchObject({ algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1 });
  });

  it("still accepts a hash made with the earlier OWASP-minimum cost", async () => {
    const stored = await owaspMinimumHash("correct horse battery staple");
    expect(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await argon2Verify({ hash: stored, password: "correct horse battery staple" })).toBe(true);
    expect(await argon2Verify({ hash: stored, password: "wrong" })).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await argon2Hash("same password")).not.toBe(await argon2Hash("same password"));
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await argon2Hash("correct horse battery staple");
    expect(await argon2Verify({ hash: stored, password: "correct horse battery staple" })).toBe(true);
    expect(await argon2Verify({ hash: stored, password: "correct horse battery stapl" })).toBe(false);
    expect(await argon2Verify({ hash: stored, password: "" })).toBe(false);
  });

  it("returns false, without throwing, for a malformed stored hash", async () => {
    const stored = await argon2Hash("password");
    const malformed = [
      "",
      "not a hash",
      "$argon2id$",
      stored.slice(0, -4),
      stored.replace("$argon2id$", "$argon2x$"),
      stored.replace(/m=[0-9]+/, "m=1"),
      "$2b$10$abcdefghijklmnopqrstuu",
    ];
    for (const hash of malformed) {
      expect(await argon2Verify({ hash, password: "password" })).toBe(false);
    }
  });
});

describe("argon2NeedsRehash", () => {
  it("is true only for a valid hash made with other parameters than the current ones", async () => {
    expect(argon2NeedsRehash(await argon2Hash("password"))).toBe(false);
    expect(argon2NeedsRehash(await owaspMinimumHash("password"))).toBe(true);
    expect(argon2NeedsRehash(await rawHash("password", { ...argon2Parameters, parallelism: 4 }))).toBe(true);
    expect(argon2NeedsRehash(await rawHash("password", { ...argon2Parameters, algorithm: 1 }))).toBe(true);
    expect(argon2NeedsRehash("not a hash")).toBe(false);
  });
});

describe("unmatchableArgon2Hash", () => {
  it("has the current parameters, so checking it costs what checking a real hash does, and matches nothing", async () => {
    const dummy = unmatchableArgon2Hash();
    expect(argon2NeedsRehash(dummy)).toBe(false);
    expect(dummy.startsWith("$argon2id$v=19$m=65536,t=3,p=1$")).toBe(true);
    expect(await callsMadeBy(() => argon2Verify({ hash: dummy, password: "" }))).toBe(1);
    expect(await argon2Verify({ hash: dummy, password: "correct horse battery staple" })).toBe(false);
    expect(unmatchableArgon2Hash()).not.toBe(dummy);
  });
});

describe("argon2HashRaw", () => {
  const salt = Buffer.from("0123456789abcdef");

  it("gives the same 32 bytes for the same input and salt", async () => {
    const first = await argon2HashRaw({ input: "12345678", salt });
    expect(first).toHaveLength(32);
    expect(await argon2HashRaw({ input: "12345678", salt })).toEqual(first);
  });

  it("uses the current parameters unless given a cost", async () => {
    expect(await argon2HashRaw({ input: "12345678", salt })).toEqual(await hashRaw("12345678", { ...argon2Parameters, salt }));
    expect(await argon2HashRaw({ input: "12345678", salt, cost: owaspMinimumArgon2Cost })).toEqual(
      await hashRaw("12345678", { ...argon2Parameters, ...owaspMinimumArgon2Cost, salt }),
    );
  });

  it("gives different bytes for another salt or another input", async () => {
    const reference = await argon2HashRaw({ input: "12345678", salt });
    expect(await argon2HashRaw({ input: "12345678", salt: Buffer.from("fedcba9876543210") })).not.toEqual(reference);
    expect(await argon2HashRaw({ input: "12345679", salt })).not.toEqual(reference);
  });
});

describe("the argon2 channels", () => {
  it("publish each computation's kind when it is taken in, then its kind and time once it has run", async () => {
    const messages: unknown[] = [];
    const onAdmitted = (message: unknown) => messages.push({ admitted: message });
    const onComputed = (message: unknown) => messages.push({ computed: message });
    argon2AdmittedChannel.subscribe(onAdmitted);
    argon2Channel.subscribe(onComputed);
    try {
      const stored = await argon2Hash("password");
      await argon2Verify({ hash: stored, password: "wrong" });
    } finally {
      argon2AdmittedChannel.unsubscribe(onAdmitted);
      argon2Channel.unsubscribe(onComputed);
    }
    const aTime = expect.any(Number) as unknown as number;
    expect(messages).toEqual([
      { admitted: { kind: "hash" } },
      { computed: { kind: "hash", ms: aTime } },
      { admitted: { kind: "verify" } },
      { computed: { kind: "verify", ms: aTime } },
    ]);
    expect((messages[1] as { computed: { ms: number } }).computed.ms).toBeGreaterThan(0);
  });

  it("counts exactly one computation per hash, verify and raw hash", async () => {
    const stored = await argon2Hash("password");
    expect(await callsMadeBy(() => argon2Hash("password"))).toBe(1);
    expect(await callsMadeBy(() => argon2Verify({ hash: stored, password: "password" }))).toBe(1);
    expect(await callsMadeBy(() => argon2Verify({ hash: stored, password: "wrong" }))).toBe(1);
    expect(await callsMadeBy(() => argon2HashRaw({ input: "x", salt: Buffer.alloc(16) }))).toBe(1);
  });

  it("counts nothing for a malformed hash, which is refused before any computation", async () => {
    expect(await callsMadeBy(() => argon2Verify({ hash: "garbage", password: "password" }))).toBe(0);
  });

  it("counts concurrent computations", async () => {
    expect(await callsMadeBy(() => Promise.all([argon2Hash("a"), argon2Hash("b"), argon2Hash("c")]))).toBe(3);
  });
});

describe("argon2ConcurrencyLimit", () => {
  it("runs one computation per core at once and queues the rest, which all finish", async () => {
    const slots = (globalThis as typeof globalThis & { __nidanArgon2Slots: { running: number; waiting: unknown[] } }).__nidanArgon2Slots;
    const passwords = Array.from({ length: argon2ConcurrencyLimit + 2 }, (_, index) => `password ${index}`);

    const hashing = Promise.all(passwords.map((password) => argon2Hash(password)));
    expect(slots).toMatchObject({ running: argon2ConcurrencyLimit, waiting: { length: 2 } });
    const stored = await hashing;

    expect(slots).toMatchObject({ running: 0, waiting: { length: 0 } });
    const checks = await Promise.all(stored.map((hash, index) => argon2Verify({ hash, password: passwords[index] })));
    expect(checks).toEqual(passwords.map(() => true));
  });
});
