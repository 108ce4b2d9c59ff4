import { generate, generateSecret, verify } from "otplib";

// RFC 6238's 30-second step with SHA-1 and 6 digits: the only parameters every
// authenticator app supports.
export const totpTimeStepSeconds = 30;
export const totpDigits = 6;
const totpAlgorithm = "sha1";
// RFC 4226 §4 (R6) requires at least 128 bits and recommends 160.
const totpSecretBytes = 20;
// RFC 6238 §5.2: accept the previous and next step for clock drift and the time
// taken to type the code. otplib's default tolerance is 0 s.
const totpToleranceSeconds = totpTimeStepSeconds;

const codePattern = new RegExp(`^[0-9]{${totpDigits}}$`);

/** A new random secret, base32 without padding (32 characters). */
export function createTotpSecret(): string {
  return generateSecret({ length: totpSecretBytes });
}

/**
 * Key URI Format (github.com/google/google-authenticator/wiki/Key-Uri-Format).
 * Built here rather than with otplib's generateURI, which leaves out the
 * parameters equal to their defaults and does not encode ":" in the account name.
 */
export function buildOtpauthUri({ issuer, accountName, secret }: { issuer: string; accountName: string; secret: string }): string {
  // The label is "issuer:account" and apps split it at the first colon.
  if (issuer.includes(":")) throw new RangeError("The TOTP issuer must not contain a colon.");
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const parameters = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${totpAlgorithm.toUpperCase()}`,
    `digits=${totpDigits}`,
    `period=${totpTimeStepSeconds}`,
  ];
  return `otpauth://totp/${label}?${parameters.join("&")}`;
}

/** "ABCD EFGH …" for reading the key aloud or typing it; apps accept it with or without spaces. */
export function formatKeyForReading(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? "";
}

export async function generateTotpCode({ secret, now = new Date() }: { secret: string; now?: Date }): Promise<string> {
  return generate({ secret, algorithm: totpAlgorithm, digits: totpDigits, period: totpTimeStepSeconds, epoch: unixSeconds(now) });
}

/**
 * Accepts the code of the previous, current or next time step (RFC 6238 §5.2)
 * unless its step is at or before `afterTimeStep`, the last step this user
 * signed in with: "the verifier MUST NOT accept the second attempt of the OTP
 * after the successful validation has been issued for the first OTP" (§5.2).
 * Store the returned `timeStep` and pass it back next time.
 */
export async function verifyTotpCode({
  secret,
  code,
  afterTimeStep,
  now = new Date(),
}: {
  secret: string;
  code: string;
  afterTimeStep: number | null;
  now?: Date;
}): Promise<{ ok: true; timeStep: number } | { ok: false; reason: "invalid" }> {
  if (!codePattern.test(code)) return { ok: false, reason: "invalid" };
  const epochSeconds = unixSeconds(now);
  const latestAcceptedTimeStep = Math.floor((epochSeconds + totpToleranceSeconds) / totpTimeStepSeconds);
  // At or past the window's last step every candidate is a replay (and otplib
  // throws for an afterTimeStep past the window rather than refusing).
  if (afterTimeStep !== null && afterTimeStep >= latestAcceptedTimeStep) return { ok: false, reason: "invalid" };
  // otplib compares each candidate code in constant time (@otplib/core constantTimeEqual).
  const result = await verify({
    secret,
    token: code,
    algorithm: totpAlgorithm,
    digits: totpDigits,
    period: totpTimeStepSeconds,
    epoch: epochSeconds,
    epochTolerance: totpToleranceSeconds,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  // otplib's result type is shared with HOTP, whose results carry no time step.
  return result.valid && "timeStep" in result ? { ok: true, timeStep: result.timeStep } : { ok: false, reason: "invalid" };
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
