import { describe, expect, it } from "vitest";
import { argon2CallCount, argon2Hash, argon2HashRaw, argon2Parameters, argon2Verify } from "./argon2";

async function callsMadeBy(action: () => Promise<unknown>): Promise<number> {
  const before = argon2CallCount();
  await action();
  return argon2CallCount() - before;
}

describe("argon2Hash / argon2Verify", () => {
  it("stores an argon2id PHC string with the OWASP parameters", async () => {
    const stored = await argon2Hash("correct horse battery staple");
    expect(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(argon2Parameters).toMatchObject({ algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
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
      stored.replace("m=19456", "m=1"),
      "$2b$10$abcdefghijklmnopqrstuu",
    ];
    for (const hash of malformed) {
      expect(await argon2Verify({ hash, password: "password" })).toBe(false);
    }
  });
});

describe("argon2HashRaw", () => {
  const salt = Buffer.from("0123456789abcdef");

  it("gives the same 32 bytes for the same input and salt", async () => {
    const first = await argon2HashRaw({ input: "12345678", salt });
    expect(first).toHaveLength(32);
    expect(await argon2HashRaw({ input: "12345678", salt })).toEqual(first);
  });

  it("gives different bytes for another salt or another input", async () => {
    const reference = await argon2HashRaw({ input: "12345678", salt });
    expect(await argon2HashRaw({ input: "12345678", salt: Buffer.from("fedcba9876543210") })).not.toEqual(reference);
    expect(await argon2HashRaw({ input: "12345679", salt })).not.toEqual(reference);
  });
});

describe("argon2CallCount", () => {
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
