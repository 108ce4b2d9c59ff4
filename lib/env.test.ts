import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tempDir } from "../testing/databases";
import { ConfigError, readConfig } from "./env";

const validKey = () => randomBytes(32).toString("base64");
const validAuthSecret = () => randomBytes(32).toString("base64");
const databaseUrl = "postgres://nidan:secret@db.example.com:5432/nidan";

/** The ConfigError that `readConfig(environment)` throws. */
function configErrorOf(environment: Record<string, string>): ConfigError {
  try {
    readConfig(environment as NodeJS.ProcessEnv);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("readConfig accepted the configuration");
}

describe("readConfig", () => {
  let dataDir: string;
  let secretsPath: string;

  beforeEach(() => {
    dataDir = tempDir("nidan-env-");
    secretsPath = path.join(dataDir, "secrets.json");
    vi.spyOn(console, "info").mockImplementation(() => {});
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("with no variables, generates the two secrets once into DATA_DIR/secrets.json (mode 0600) and reuses them", () => {
    const first = readConfig({ DATA_DIR: dataDir });

    expect(existsSync(secretsPath)).toBe(true);
    expect(statSync(secretsPath).mode & 0o777).toBe(0o600);
    const stored = readFileSync(secretsPath, "utf8");
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.totpKeyring.current).toHaveLength(32);
    expect(first.totpKeyring.previous).toEqual([]);
    expect(first).toMatchObject({
      databaseUrl: undefined,
      dataDir,
      appName: "Nidan",
      defaultLocale: "ja",
      allowSignup: true,
      smtpUrl: undefined,
      trustedProxyHeader: undefined,
      isProduction: false,
    });
    expect(console.info).toHaveBeenCalledTimes(1);

    const second = readConfig({ DATA_DIR: dataDir });

    expect(second.authSecret).toBe(first.authSecret);
    expect(second.totpKeyring.current.equals(first.totpKeyring.current)).toBe(true);
    expect(readFileSync(secretsPath, "utf8")).toBe(stored);
    expect(statSync(secretsPath).mode & 0o777).toBe(0o600);
    expect(console.info).toHaveBeenCalledTimes(1);
  });

  it("creates DATA_DIR when it does not exist yet", () => {
    const nested = path.join(dataDir, "not", "yet");

    readConfig({ DATA_DIR: nested });

    expect(statSync(path.join(nested, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("prefers secrets from the environment over the generated ones, and then writes no file", () => {
    const authSecret = validAuthSecret();
    const key = validKey();

    const config = readConfig({ DATA_DIR: dataDir, AUTH_SECRET: authSecret, TOTP_ENCRYPTION_KEY: key });

    expect(config.authSecret).toBe(authSecret);
    expect(config.totpKeyring.current.equals(Buffer.from(key, "base64"))).toBe(true);
    expect(existsSync(secretsPath)).toBe(false);
  });

  it("names BOTH missing secrets in one message when DATABASE_URL is set", () => {
    const error = configErrorOf({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });

    expect(error.message).toContain("AUTH_SECRET");
    expect(error.message).toContain("TOTP_ENCRYPTION_KEY");
    expect(error.message).toContain("DATABASE_URL");
    expect(existsSync(secretsPath)).toBe(false);
  });

  it("names only the missing one when DATABASE_URL is set with one secret", () => {
    const withoutKey = configErrorOf({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, AUTH_SECRET: validAuthSecret() });
    expect(withoutKey.message).toContain("TOTP_ENCRYPTION_KEY");
    expect(withoutKey.message).not.toContain("AUTH_SECRET");

    const withoutAuthSecret = configErrorOf({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TOTP_ENCRYPTION_KEY: validKey() });
    expect(withoutAuthSecret.message).toContain("AUTH_SECRET");
    expect(withoutAuthSecret.message).not.toContain("TOTP_ENCRYPTION_KEY");
  });

  it("accepts DATABASE_URL with both secrets", () => {
    const config = readConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, AUTH_SECRET: validAuthSecret(), TOTP_ENCRYPTION_KEY: validKey() });

    expect(config.databaseUrl).toBe(databaseUrl);
    expect(existsSync(secretsPath)).toBe(false);
  });

  it("counts empty or blank variables as unset", () => {
    const config = readConfig({ DATA_DIR: dataDir, DATABASE_URL: " ", AUTH_SECRET: "", DEFAULT_LOCALE: "", ALLOW_SIGNUP: "  " });

    expect(config).toMatchObject({ databaseUrl: undefined, defaultLocale: "ja", allowSignup: true });
  });

  it("reads DEFAULT_LOCALE, ALLOW_SIGNUP and APP_NAME", () => {
    const config = readConfig({ DATA_DIR: dataDir, DEFAULT_LOCALE: "en", ALLOW_SIGNUP: "false", APP_NAME: "Acme" });

    expect(config).toMatchObject({ defaultLocale: "en", allowSignup: false, appName: "Acme" });
  });

  it("reads MAIL_FROM as one { name, address } mailbox, by default the app's name at nidan.invalid", () => {
    expect(readConfig({ DATA_DIR: dataDir, MAIL_FROM: "Acme <No-Reply@Acme.example>" }).mailFrom).toEqual({
      name: "Acme",
      address: "no-reply@acme.example",
    });
    expect(readConfig({ DATA_DIR: dataDir, APP_NAME: "Acme" }).mailFrom).toEqual({ name: "Acme", address: "no-reply@nidan.invalid" });
  });

  it.each([
    ["DEFAULT_LOCALE", "fr"],
    ["DEFAULT_LOCALE", "EN"],
    ["ALLOW_SIGNUP", "yes"],
    ["ALLOW_SIGNUP", "0"],
    ["DATABASE_URL", "mysql://localhost/nidan"],
    ["AUTH_SECRET", "too short"],
    ["SMTP_URL", "http://mail.example.com"],
    ["MAIL_FROM", "Nidan <no-reply@example.com>, victim@red.test"],
  ])("names %s when it is malformed (%j)", (name, value) => {
    const error = configErrorOf({ DATA_DIR: dataDir, [name]: value });

    expect(error.message).toContain(name);
  });

  it.each([
    ["not base64 at all!"],
    [randomBytes(16).toString("base64")], // 16 bytes, not 32
    [`${validKey()}x`],
  ])("names TOTP_ENCRYPTION_KEY when it is malformed, without echoing it (%#)", (value) => {
    const error = configErrorOf({ DATA_DIR: dataDir, TOTP_ENCRYPTION_KEY: value });

    expect(error.message).toContain("TOTP_ENCRYPTION_KEY");
    expect(error.message).not.toContain(value);
  });

  it("names every malformed variable in one message", () => {
    const error = configErrorOf({ DATA_DIR: dataDir, DEFAULT_LOCALE: "fr", ALLOW_SIGNUP: "yes" });

    expect(error.message).toContain("DEFAULT_LOCALE");
    expect(error.message).toContain("ALLOW_SIGNUP");
  });

  it("reads TRUSTED_PROXY_COUNT (default 1) beside TRUSTED_PROXY_HEADER", () => {
    expect(readConfig({ DATA_DIR: dataDir, TRUSTED_PROXY_HEADER: "X-Forwarded-For" })).toMatchObject({ trustedProxyHeader: "x-forwarded-for", trustedProxyCount: 1 });
    expect(readConfig({ DATA_DIR: dataDir, TRUSTED_PROXY_HEADER: "x-forwarded-for", TRUSTED_PROXY_COUNT: "2" })).toMatchObject({ trustedProxyCount: 2 });
  });

  it.each([["0"], ["-1"], ["1.5"], ["two"], ["11"]])("refuses TRUSTED_PROXY_COUNT=%s with a sentence that names it", (value) => {
    expect(configErrorOf({ DATA_DIR: dataDir, TRUSTED_PROXY_HEADER: "x-forwarded-for", TRUSTED_PROXY_COUNT: value }).message).toContain(
      "TRUSTED_PROXY_COUNT must be a whole number from 1 to 10",
    );
  });

  it("refuses TRUSTED_PROXY_COUNT without TRUSTED_PROXY_HEADER", () => {
    expect(configErrorOf({ DATA_DIR: dataDir, TRUSTED_PROXY_COUNT: "2" }).message).toContain("TRUSTED_PROXY_COUNT is set but TRUSTED_PROXY_HEADER is not");
  });
});
