import { describe, expect, it } from "vitest";
import {
  buildOtpauthUri,
  createTotpSecret,
  formatKeyForReading,
  generateTotpCode,
  totpTimeStepSeconds,
  verifyTotpCode,
} from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890",
// here in base32. The 8-digit values of the table, truncated to 6 digits, are
// their last 6 digits (the code is the truncated HMAC modulo 10^digits).
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const rfcVectors: [unixSeconds: number, code: string][] = [
  [59, "287082"], // 94287082
  [1111111109, "081804"], // 07081804
  [1111111111, "050471"], // 14050471
  [1234567890, "005924"], // 89005924
  [2000000000, "279037"], // 69279037
  [20000000000, "353130"], // 65353130
];

const atSeconds = (unixSeconds: number) => new Date(unixSeconds * 1000);
const stepOf = (unixSeconds: number) => Math.floor(unixSeconds / totpTimeStepSeconds);

describe("RFC 6238 Appendix B (SHA-1)", () => {
  it.each(rfcVectors)("generates the code for T = %i", async (unixSeconds, code) => {
    expect(await generateTotpCode({ secret: rfcSecret, now: atSeconds(unixSeconds) })).toBe(code);
  });

  it.each(rfcVectors)("verifies the code for T = %i and returns its time step", async (unixSeconds, code) => {
    const result = await verifyTotpCode({ secret: rfcSecret, code, afterTimeStep: null, now: atSeconds(unixSeconds) });
    expect(result).toEqual({ ok: true, timeStep: stepOf(unixSeconds) });
  });
});

describe("verifyTotpCode window (RFC 6238 §5.2)", () => {
  const secret = createTotpSecret();
  // The first, a middle and the last second of one step (1_700_000_010 starts a
  // step): the window is whole steps wherever "now" falls within its step.
  const instants = [1_700_000_010, 1_700_000_025, 1_700_000_039];

  for (const nowSeconds of instants) {
    const now = atSeconds(nowSeconds);
    const codeAtStepOffset = (offset: number) =>
      generateTotpCode({ secret, now: atSeconds((stepOf(nowSeconds) + offset) * totpTimeStepSeconds) });

    it.each([-1, 0, 1])(`accepts the code of step %i at T = ${nowSeconds}`, async (offset) => {
      const code = await codeAtStepOffset(offset);
      const result = await verifyTotpCode({ secret, code, afterTimeStep: null, now });
      expect(result).toEqual({ ok: true, timeStep: stepOf(nowSeconds) + offset });
    });

    it.each([-2, 2])(`refuses the code of step %i at T = ${nowSeconds}`, async (offset) => {
      const code = await codeAtStepOffset(offset);
      expect(await verifyTotpCode({ secret, code, afterTimeStep: null, now })).toEqual({ ok: false, reason: "invalid" });
    });
  }
});

describe("verifyTotpCode replay protection", () => {
  const secret = createTotpSecret();
  const nowSeconds = 1_700_000_015;
  const now = atSeconds(nowSeconds);
  const step = stepOf(nowSeconds);

  it("refuses a code whose step was already used", async () => {
    const code = await generateTotpCode({ secret, now });
    const first = await verifyTotpCode({ secret, code, afterTimeStep: null, now });
    expect(first).toEqual({ ok: true, timeStep: step });
    expect(await verifyTotpCode({ secret, code, afterTimeStep: step, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses the previous step's code once the current step was used", async () => {
    const previousCode = await generateTotpCode({ secret, now: atSeconds(nowSeconds - totpTimeStepSeconds) });
    expect(await verifyTotpCode({ secret, code: previousCode, afterTimeStep: step, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts a later step after an earlier one was used", async () => {
    const nextCode = await generateTotpCode({ secret, now: atSeconds(nowSeconds + totpTimeStepSeconds) });
    expect(await verifyTotpCode({ secret, code: nextCode, afterTimeStep: step, now })).toEqual({
      ok: true,
      timeStep: step + 1,
    });
  });

  it("refuses, without throwing, when the last used step is at or beyond the end of the window", async () => {
    const nextCode = await generateTotpCode({ secret, now: atSeconds(nowSeconds + totpTimeStepSeconds) });
    for (const afterTimeStep of [step + 1, step + 100]) {
      expect(await verifyTotpCode({ secret, code: nextCode, afterTimeStep, now })).toEqual({ ok: false, reason: "invalid" });
    }
  });
});

describe("verifyTotpCode input", () => {
  it.each(["", "12345", "1234567", "12345a", "abcdef", " 287082", "287 082", "２８７０８２", "287082\0", "+28708"])(
    "refuses %j without throwing",
    async (code) => {
      expect(await verifyTotpCode({ secret: rfcSecret, code, afterTimeStep: null, now: atSeconds(59) })).toEqual({
        ok: false,
        reason: "invalid",
      });
    },
  );

  it("refuses a well-formed wrong code", async () => {
    expect(await verifyTotpCode({ secret: rfcSecret, code: "287083", afterTimeStep: null, now: atSeconds(59) })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("uses the current time by default", async () => {
    const secret = createTotpSecret();
    const code = await generateTotpCode({ secret });
    expect(await verifyTotpCode({ secret, code, afterTimeStep: null })).toMatchObject({ ok: true });
  });
});

describe("createTotpSecret", () => {
  it("creates 160-bit base32 secrets (32 characters, no padding)", () => {
    const secrets = new Set(Array.from({ length: 20 }, () => createTotpSecret()));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe("buildOtpauthUri", () => {
  const secret = createTotpSecret();

  it("round-trips through a URL parser, with '+' and spaces encoded", () => {
    const uri = buildOtpauthUri({ issuer: "Nidan Dev", accountName: "alice+2fa@example.com", secret });
    expect(uri).toBe(
      `otpauth://totp/Nidan%20Dev:alice%2B2fa%40example.com?secret=${secret}&issuer=Nidan%20Dev&algorithm=SHA1&digits=6&period=30`,
    );
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname.slice(1))).toBe("Nidan Dev:alice+2fa@example.com");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret,
      issuer: "Nidan Dev",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });

  it("encodes reserved and non-ASCII characters in the account name", () => {
    const uri = buildOtpauthUri({ issuer: "二段", accountName: "a:b&c=d?@例え.jp", secret });
    const url = new URL(uri);
    expect(decodeURIComponent(url.pathname.slice(1))).toBe("二段:a:b&c=d?@例え.jp");
    expect(url.searchParams.get("issuer")).toBe("二段");
    expect(url.searchParams.get("secret")).toBe(secret);
  });

  it("refuses an issuer containing a colon, which would split the label", () => {
    expect(() => buildOtpauthUri({ issuer: "Acme:Prod", accountName: "a@example.com", secret })).toThrow(RangeError);
  });
});

describe("formatKeyForReading", () => {
  it("groups the key by four", () => {
    expect(formatKeyForReading(rfcSecret)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    expect(formatKeyForReading("ABCDEF")).toBe("ABCD EF");
  });
});
