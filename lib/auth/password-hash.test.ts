import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { argon2Parameters, argon2Verify, unmatchableArgon2Hash } from "../crypto/argon2";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import { hashPassword, verifyPassword } from "./password-hash";

const argon2Computations = watchArgon2Computations();
const typedFullWidth = "ｎｉｄａｎ－ｔｗｏ－ｓｔｅｐｓ";
const typedHalfWidth = "nidan-two-steps";

describe("hashPassword / verifyPassword (NFKC, ADR 0018)", () => {
  it("stores the NFKC form, so the same password typed full-width or half-width matches", async () => {
    const stored = await hashPassword(typedFullWidth);
    expect(await argon2Verify({ hash: stored, password: typedHalfWidth })).toBe(true);
    expect(await verifyPassword({ storedHash: stored, password: typedHalfWidth })).toEqual({ matches: true, needsRehash: false });
    expect(await verifyPassword({ storedHash: stored, password: typedFullWidth })).toEqual({ matches: true, needsRehash: false });
  });

  it("still lets in a hash stored before normalisation, from the form as typed, and asks for its rehash", async () => {
    const legacy = await hash(typedFullWidth, argon2Parameters);
    expect(await verifyPassword({ storedHash: legacy, password: typedFullWidth })).toEqual({ matches: true, needsRehash: true });
    // Typed the other way, it never matched before normalisation either.
    expect(await verifyPassword({ storedHash: legacy, password: typedHalfWidth })).toEqual({ matches: false, needsRehash: false });
  });

  it("costs one verify for a password already in NFKC form, two otherwise, whatever the stored hash (a dummy included)", async () => {
    const dummy = unmatchableArgon2Hash();
    const before = argon2Computations.computed();
    await verifyPassword({ storedHash: dummy, password: typedHalfWidth });
    expect(argon2Computations.computed() - before).toBe(1);
    const between = argon2Computations.computed();
    await verifyPassword({ storedHash: dummy, password: typedFullWidth });
    expect(argon2Computations.computed() - between).toBe(2);
  });
});
