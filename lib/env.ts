import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultHashQueueMaxWaitSeconds } from "./crypto/hash-queue";
import { type Keyring, parseKeyringFromEnv, SecretBoxError } from "./crypto/secret-box";
import { type Locale, supportedLocales } from "./i18n/locales";
import { type MailFrom, parseMailFrom } from "./notifications/mail-addresses";


export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  totpKeyring: Keyring;
  appName: string;
  defaultLocale: Locale;
  allowSignup: boolean;
  smtpUrl: string | undefined;
  mailFrom: MailFrom;
  trustedProxyHeader: string | undefined;
  /** How many proxies append to trustedProxyHeader: the client is that many entries from the right. */
  trustedProxyCount: number;
  isProduction: boolean;
  /** A hash that would wait longer in the queue is refused with "busy" (ADR 0010; lib/crypto/hash-queue.ts reads it). */
  hashQueueMaxWaitSeconds: number;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Nidan cannot start: ${problems.join("; ")}.`);
    this.name = "ConfigError";
  }
}

/** More proxies than this in front of one app is a configuration mistake, not a deployment. */
const maxTrustedProxyCount = 10;

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const environmentSchema = z.object({
  DATABASE_URL: optionalText.refine((value) => !value || /^postgres(ql)?:\/\//.test(value), {
    message: "DATABASE_URL must start with postgres:// or postgresql://",
  }),
  DATA_DIR: optionalText,
  AUTH_SECRET: optionalText.refine((value) => !value || value.length >= 32, {
    message: "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)",
  }),
  TOTP_ENCRYPTION_KEY: optionalText,
  TOTP_ENCRYPTION_KEY_PREVIOUS: optionalText,
  APP_NAME: optionalText.refine((value) => !value || (value.length <= 64 && !value.includes(":")), {
    message: "APP_NAME must be at most 64 characters and contain no colon",
  }),
  DEFAULT_LOCALE: optionalText.refine((value) => !value || supportedLocales.includes(value as Locale), {
    message: "DEFAULT_LOCALE must be ja or en",
  }),
  ALLOW_SIGNUP: optionalText.refine((value) => !value || value === "true" || value === "false", {
    message: "ALLOW_SIGNUP must be true or false",
  }),
  MAIL_FROM: optionalText,
  SMTP_URL: optionalText.refine((value) => !value || /^smtps?:\/\//.test(value), {
    message: "SMTP_URL must start with smtp:// or smtps://",
  }),
  HASH_QUEUE_MAX_WAIT_SECONDS: optionalText.refine((value) => !value || (Number(value) > 0 && Number(value) <= 600), {
    message: "HASH_QUEUE_MAX_WAIT_SECONDS must be a number of seconds above 0 and at most 600",
  }),
  TRUSTED_PROXY_HEADER: optionalText.refine((value) => !value || /^[A-Za-z0-9-]+$/.test(value), {
    message: "TRUSTED_PROXY_HEADER must be a header name such as x-forwarded-for",
  }),
  TRUSTED_PROXY_COUNT: optionalText.refine((value) => !value || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= maxTrustedProxyCount), {
    message: `TRUSTED_PROXY_COUNT must be a whole number from 1 to ${maxTrustedProxyCount}: how many proxies in front of Nidan append to TRUSTED_PROXY_HEADER`,
  }),
});

type LocalSecrets = { authSecret: string; totpEncryptionKey: string };

/**
 * On the embedded database a fresh clone must start with no variables set, so the
 * two secrets are generated once into DATA_DIR (mode 0600). With DATABASE_URL set
 * (a real deployment, possibly several instances) they must come from the environment.
 */
function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const secretsPath = path.join(dataDir, "secrets.json");
  if (existsSync(secretsPath)) return JSON.parse(readFileSync(secretsPath, "utf8")) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64"),
    totpEncryptionKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(secretsPath, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  chmodSync(secretsPath, 0o600);
  console.info(`[nidan] Generated AUTH_SECRET and TOTP_ENCRYPTION_KEY into ${secretsPath} (local use only).`);
  return secrets;
}

export function readConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const variables = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ variables.DATA_DIR ?? ".data");
  const problems: string[] = [];
  if (variables.DATABASE_URL) {
    if (!variables.AUTH_SECRET) problems.push("AUTH_SECRET is required when DATABASE_URL is set");
    if (!variables.TOTP_ENCRYPTION_KEY) problems.push("TOTP_ENCRYPTION_KEY is required when DATABASE_URL is set");
  }
  const mailFrom = parseMailFrom(variables.MAIL_FROM ?? `${variables.APP_NAME ?? "Nidan"} <no-reply@nidan.invalid>`);
  if (!mailFrom.ok) problems.push(mailFrom.problem);
  if (variables.TRUSTED_PROXY_COUNT && !variables.TRUSTED_PROXY_HEADER) {
    problems.push("TRUSTED_PROXY_COUNT is set but TRUSTED_PROXY_HEADER is not: name the header the proxies write the client address to");
  }
  if (problems.length > 0 || !mailFrom.ok) throw new ConfigError(problems);

  const needsLocalSecrets = !variables.AUTH_SECRET || !variables.TOTP_ENCRYPTION_KEY;
  const localSecrets = needsLocalSecrets ? loadOrCreateLocalSecrets(dataDir) : undefined;
  let totpKeyring: Keyring;
  try {
    totpKeyring = parseKeyringFromEnv({
      current: variables.TOTP_ENCRYPTION_KEY ?? localSecrets?.totpEncryptionKey,
      previous: variables.TOTP_ENCRYPTION_KEY_PREVIOUS,
    });
  } catch (error) {
    if (error instanceof SecretBoxError) throw new ConfigError([error.message]);
    throw error;
  }
  return {
    databaseUrl: variables.DATABASE_URL,
    dataDir,
    authSecret: variables.AUTH_SECRET ?? localSecrets!.authSecret,
    totpKeyring,
    appName: variables.APP_NAME ?? "Nidan",
    defaultLocale: (variables.DEFAULT_LOCALE as Locale | undefined) ?? "ja",
    allowSignup: variables.ALLOW_SIGNUP !== "false",
    smtpUrl: variables.SMTP_URL,
    mailFrom: mailFrom.mailFrom,
    trustedProxyHeader: variables.TRUSTED_PROXY_HEADER?.toLowerCase(),
    trustedProxyCount: Number(variables.TRUSTED_PROXY_COUNT ?? 1),
    isProduction: environment.NODE_ENV === "production",
    hashQueueMaxWaitSeconds: variables.HASH_QUEUE_MAX_WAIT_SECONDS ? Number(variables.HASH_QUEUE_MAX_WAIT_SECONDS) : defaultHashQueueMaxWaitSeconds,
  };
}

let cachedConfig: AppConfig | undefined;

/** The configuration, checked once per process. */
export function getConfig(): AppConfig {
  cachedConfig ??= readConfig();
  return cachedConfig;
}
