import { randomBytes } from "node:crypto";
import { hashRaw } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { argon2Parameters, owaspMinimumArgon2Cost } from "../crypto/argon2";
import { watchArgon2Computations } from "../crypto/argon2-channel";
import {
  backupCodeCount,
  createBackupCodeSalt,
  formatBackupCodeForDisplay,
  formatBackupCodesFile,
  generateBackupCodes,
  hashBackupCode,
  hashBackupCodes,
} from "./backup-codes";

// Counted from the channel lib/crypto/argon2.ts publishes on (ADR 0003).
const argon2Computations = watchArgon2Computations();

describe("generateBackupCodes", () => {
  it("creates 10 distinct 8-digit codes", () => {
    const codes = generateBackupCodes();
    expect(codes).toHaveLength(backupCodeCount);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9]{8}$/);
  });

  it("keeps leading zeros", () => {
    // A code starts with 0 one time in ten: 500 codes without one has probability 0.9^500 ≈ 1e-23.
    const codes = Array.from({ length: 50 }, () => generateBackupCodes()).flat();
    expect(codes.some((code) => code.startsWith("0"))).toBe(true);
    for (const code of codes) expect(code).toHaveLength(8);
  });
});

describe("createBackupCodeSalt", () => {
  it("creates 16 random bytes in base64, after the current argon2 cost", () => {
    const salt = createBackupCodeSalt();
    const [, algorithm, version, cost, saltBase64] = salt.split("$");
    expect([algorithm, version, cost]).toEqual(["argon2id", "v=19", "m=65536,t=3,p=1"]);
    expect(Buffer.from(saltBase64, "base64")).toHaveLength(16);
    expect(createBackupCodeSalt()).not.toBe(salt);
  });
});

describe("hashBackupCode", () => {
  const salt = createBackupCodeSalt();

  it("is deterministic for a salt, and differs across salts and codes", async () => {
    const hash = await hashBackupCode({ code: "12345678", salt });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashBackupCode({ code: "12345678", salt })).toBe(hash);
    expect(await hashBackupCode({ code: "12345678", salt: createBackupCodeSalt() })).not.toBe(hash);
    expect(await hashBackupCode({ code: "12345679", salt })).not.toBe(hash);
  });

  it("costs one argon2 computation per check, however many codes the set has", async () => {
    const codes = generateBackupCodes();
    const stored = await hashBackupCodes({ codes, salt });
    const before = argon2Computations.computed();
    const typed = await hashBackupCode({ code: codes[7] as string, salt });
    expect(argon2Computations.computed() - before).toBe(1);
    expect(stored.indexOf(typed)).toBe(7);
  });

  it("hashes with the cost stored with the set's salt, and a bare salt (a set made before costs were stored) with OWASP's minimum", async () => {
    const saltBytes = randomBytes(16);
    const bareSalt = saltBytes.toString("base64");
    expect(await hashBackupCode({ code: "12345678", salt: `$argon2id$v=19$m=65536,t=3,p=1$${bareSalt}` })).toBe(
      (await hashRaw("12345678", { ...argon2Parameters, memoryCost: 65536, timeCost: 3, parallelism: 1, salt: saltBytes })).toString("hex"),
    );
    expect(await hashBackupCode({ code: "12345678", salt: bareSalt })).toBe(
      (await hashRaw("12345678", { ...argon2Parameters, ...owaspMinimumArgon2Cost, salt: saltBytes })).toString("hex"),
    );
  });

  it("refuses a salt that is not the base64 of 16 bytes", async () => {
    await expect(hashBackupCode({ code: "12345678", salt: "c2FsdA==" })).rejects.toThrow(RangeError);
    await expect(hashBackupCode({ code: "12345678", salt: "not base64 at all!!!!!!!" })).rejects.toThrow(RangeError);
    await expect(hashBackupCode({ code: "12345678", salt: "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA==" })).rejects.toThrow(RangeError);
    await expect(hashBackupCode({ code: "12345678", salt: `$argon2id$v=19$m=0,t=3,p=1$${randomBytes(16).toString("base64")}` })).rejects.toThrow(RangeError);
  });
});

describe("hashBackupCodes", () => {
  it("hashes every code, in order, with the set's salt", async () => {
    const salt = createBackupCodeSalt();
    const codes = generateBackupCodes();
    const before = argon2Computations.computed();
    const hashes = await hashBackupCodes({ codes, salt });
    expect(argon2Computations.computed() - before).toBe(10);
    expect(hashes).toEqual(await Promise.all(codes.map((code) => hashBackupCode({ code, salt }))));
    expect(new Set(hashes).size).toBe(10);
  });
});

describe("formatBackupCodeForDisplay", () => {
  it("splits the code in two groups of four", () => {
    expect(formatBackupCodeForDisplay("12345678")).toBe("1234 5678");
    expect(formatBackupCodeForDisplay("00001234")).toBe("0000 1234");
  });
});

describe("formatBackupCodesFile", () => {
  const codes = ["01234567", "12345678"];
  // 08:30 in Tokyo on 2 March is still 1 March in UTC.
  const createdAt = new Date("2026-03-02T08:30:00+09:00");

  it("writes a header in English, a blank line and one code per line, in their numbered order", () => {
    const file = formatBackupCodesFile({ appName: "Nidan", accountEmail: "alice+2fa@example.com", codes, createdAt, locale: "en" });
    expect(file).toBe(
      [
        "Nidan backup codes",
        "Account: alice+2fa@example.com",
        "Created: 2026-03-01 (UTC)",
        "Each code works once. Downloading new codes invalidates all of these.",
        "Below, line 1 is code #1 and line 2 is code #2 (the numbers the settings screen shows).",
        "",
        "01234567",
        "12345678",
        "",
      ].join("\n"),
    );
    expect(file).not.toContain("\r");
  });

  it("writes the header in Japanese only, with the screen's words (1度限り)", () => {
    const file = formatBackupCodesFile({ appName: "Nidan", accountEmail: "alice@example.com", codes, createdAt, locale: "ja" });
    const header = file.split("\n\n")[0];
    expect(header).toBe(
      [
        "Nidan バックアップコード",
        "アカウント: alice@example.com",
        "発行日: 2026-03-01 (UTC)",
        "各コードは1度限り使用することができます。バックアップコードを再ダウンロードすると、これらのコードはすべて無効となります。",
        "この下の1行目がコード1番、2行目がコード2番です（設定画面の番号と同じです）。",
      ].join("\n"),
    );
    expect(header, "no English line left in the Japanese file").not.toMatch(/\b(?:codes?|works|Account|Created)\b/);
    expect(file.split("\n\n")[1]).toBe("01234567\n12345678\n");
  });
});
