import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { db } from "../db";
import { type AppConfig, getConfig } from "../env";
import { isSupportedLocale } from "../i18n/locales";
import type { PrismaClient } from "../generated/prisma/client";
import { openSecret } from "../crypto/secret-box";
import { isPasswordResetMailKind, passwordResetTokenTtlSeconds, resetLinkBinding } from "../password-reset/reset-token";
import { composePasswordResetMail } from "./password-reset-mail";
import { composeSecurityNotification, isMailKind } from "./security-notification";

const smtpTimeoutMs = 10_000;
/** Longer than one send can take (nodemailer's three 10 s timeouts), so a live sender keeps its claim. */
export const mailClaimSeconds = 120;
const firstRetryDelaySeconds = 30;
const maxRetryDelaySeconds = 60 * 60;
const mailsPerPass = 100;

/** 30 s after the first failure, doubling, at most an hour: 30 s, 1, 2, 4 … 32 min, 1 h, 1 h … (ADR 0014). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(firstRetryDelaySeconds * 2 ** Math.max(0, attempts - 1), maxRetryDelaySeconds);
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
let cachedTransport: { smtpUrl: string; transport: Transport } | undefined;

function transportFor(smtpUrl: string): Transport {
  if (cachedTransport?.smtpUrl !== smtpUrl) {
    cachedTransport = {
      smtpUrl,
      transport: nodemailer.createTransport(smtpUrl, {
        connectionTimeout: smtpTimeoutMs,
        greetingTimeout: smtpTimeoutMs,
        socketTimeout: smtpTimeoutMs,
      } as never),
    };
  }
  return cachedTransport.transport;
}

/**
 * The keyring opens sealed reset links (ADR 0018); without it, the app's own. `dataDir` and
 * `databaseUrl` say where a reset mail goes without SMTP_URL on the embedded database.
 */
export type MailConfig = Pick<AppConfig, "smtpUrl" | "mailFrom" | "appName" | "defaultLocale"> & Partial<Pick<AppConfig, "totpKeyring" | "dataDir" | "databaseUrl">>;

/**
 * Claims one due mail: a single statement, so the row lock lasts no longer than the claim.
 * SKIP LOCKED lets another sender claim the next row instead of waiting for this one, and the
 * claim (`claimedUntil`) keeps every other sender off it until it expires — a sender that
 * crashed mid-send loses it then, and the mail is sent again (at least once, ADR 0014).
 */
async function claimDueMail(options: { database: PrismaClient; now: Date }): Promise<string | null> {
  const now = options.now.toISOString();
  // timestamp(3) columns hold UTC wall time, as Prisma writes them.
  const rows = await options.database.$queryRaw<{ id: string }[]>`
    UPDATE "OutboxMail"
    SET "claimedUntil" = ${now}::timestamp(3) + make_interval(secs => ${mailClaimSeconds}::int), "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "OutboxMail"
      WHERE "sentAt" IS NULL AND "nextAttemptAt" <= ${now}::timestamp(3)
        AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now}::timestamp(3))
      ORDER BY "nextAttemptAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** What a failure is, for the row and the log: nodemailer's code and the SMTP reply code, never the reply's text. */
function errorClass(error: unknown): { label: string; permanent: boolean } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const reply = typeof responseCode === "number" ? responseCode : undefined;
  const name = typeof code === "string" ? code : error instanceof Error ? error.name : "unknown";
  return { label: reply ? `${name} ${reply}` : name, permanent: reply !== undefined && reply >= 500 };
}

export type DeliveryPassResult = { sent: number; failed: number; nextDueAt: Date | null };

/**
 * One delivery pass over the outbox: claims due mails one at a time and sends each (or logs it
 * when SMTP_URL is unset). A failure sets the mail's next attempt by the backoff; one that is
 * not the relay refusing this mail (unreachable, timed out) ends the pass, since the next mail
 * would wait as long. Returns when the next unsent mail becomes due, if any.
 */
export async function deliverOutbox(options: { database?: PrismaClient; config?: MailConfig; now?: Date } = {}): Promise<DeliveryPassResult> {
  const database = options.database ?? db;
  const config = options.config ?? getConfig();
  const clock = () => options.now ?? new Date();
  const result: DeliveryPassResult = { sent: 0, failed: 0, nextDueAt: null };
  for (let count = 0; count < mailsPerPass; count += 1) {
    const id = await claimDueMail({ database, now: clock() });
    if (!id) break;
    const mail = await database.outboxMail.findUniqueOrThrow({ where: { id } });
    try {
      const expired = await sendOne({ mail, config, now: clock() });
      // A link a row holds (a sealed reset link, ADR 0018; an address-confirmation link, ADR 0017)
      // is erased once sent, or once it could no longer work.
      await database.outboxMail.update({
        where: { id },
        data: { sentAt: clock(), claimedUntil: null, lastError: expired ? "EXPIRED" : null, linkEncrypted: null, link: null },
      });
      result.sent += 1;
    } catch (error) {
      const failure = errorClass(error);
      const nextAttemptAt = new Date(clock().getTime() + retryDelaySeconds(mail.attempts) * 1000);
      await database.outboxMail.update({ where: { id }, data: { claimedUntil: null, nextAttemptAt, lastError: failure.label.slice(0, 100) } });
      console.error(`[mail] could not send ${mail.kind} notification (attempt ${mail.attempts}, next at ${nextAttemptAt.toISOString()}): ${failure.label}`);
      result.failed += 1;
      if (!failure.permanent) break;
    }
  }
  result.nextDueAt = await nextDueAt(database);
  return result;
}

type OutboxRow = {
  id: string;
  recipient: string;
  kind: string;
  clientIp: string | null;
  clientUserAgent: string | null;
  locale: string | null;
  createdAt: Date;
  detail: string | null;
  link: string | null;
  linkEncrypted: string | null;
};

function compose(options: { mail: OutboxRow; config: MailConfig }): { subject: string; text: string } {
  const { mail, config } = options;
  if (isPasswordResetMailKind(mail.kind)) {
    if (!mail.linkEncrypted) throw Object.assign(new Error("reset link missing"), { code: "ENOLINK" });
    const keyring = config.totpKeyring ?? getConfig().totpKeyring;
    const link = openSecret({ envelope: mail.linkEncrypted, keyring, binding: resetLinkBinding(mail.id) });
    return composePasswordResetMail({ kind: mail.kind, appName: config.appName, link });
  }
  if (!isMailKind(mail.kind)) throw Object.assign(new Error("unknown mail kind"), { code: "EKIND" });
  return composeSecurityNotification({
    kind: mail.kind,
    appName: config.appName,
    occurredAt: mail.createdAt,
    context: { ip: mail.clientIp, userAgent: mail.clientUserAgent },
    detail: mail.detail,
    link: mail.link,
    locale: isSupportedLocale(mail.locale) ? mail.locale : config.defaultLocale,
  });
}

/**
 * Local use (the embedded database, no SMTP_URL): a reset mail is written to DATA_DIR/mail,
 * readable by this user only, like the generated secrets beside it — so a reset still works
 * locally, and the link never reaches the log. With DATABASE_URL (a deployment) it is not kept.
 */
function keepLocalMail(options: { mail: OutboxRow; text: string; config: MailConfig }): string {
  if (options.config.databaseUrl || !options.config.dataDir) return "";
  const directory = path.join(options.config.dataDir, "mail");
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const file = path.join(directory, `${options.mail.id}.txt`);
  writeFileSync(file, `To: ${options.mail.recipient}\n\n${options.text}`, { mode: 0o600 });
  return `; it is in ${file}, readable by this user only`;
}

/** Sends (or logs) one mail; true when it was a reset link that had expired and was dropped unsent. */
async function sendOne(options: { mail: OutboxRow; config: MailConfig; now: Date }): Promise<boolean> {
  const { mail, config } = options;
  if (isPasswordResetMailKind(mail.kind) && options.now.getTime() - mail.createdAt.getTime() >= passwordResetTokenTtlSeconds * 1000) {
    console.info(`[mail] ${mail.kind} not sent: the link expired before the relay took it`);
    return true;
  }
  const composed = compose({ mail, config });
  if (!config.smtpUrl) {
    // The subject only: a reset link is a credential and never goes to the log (ADR 0018).
    const subject = `[mail] (SMTP_URL unset) to=${mail.recipient} subject=${JSON.stringify(composed.subject)}`;
    if (!isPasswordResetMailKind(mail.kind)) console.info(subject);
    else console.info(`${subject} (the link is not logged${keepLocalMail({ mail, text: composed.text, config })})`);
    // Without a relay the log is the only way an address-confirmation link can reach its reader (local use, ADR 0017).
    if (mail.link) console.info(`[mail] (SMTP_URL unset) link for ${mail.recipient}: ${mail.link}`);
    return false;
  }
  await transportFor(config.smtpUrl).sendMail({
    from: config.mailFrom,
    to: { name: "", address: mail.recipient },
    subject: composed.subject,
    text: composed.text,
  });
  return false;
}

/** When the earliest unsent mail may be claimed: its next attempt, or when another sender's claim expires. */
async function nextDueAt(database: PrismaClient): Promise<Date | null> {
  const rows = await database.$queryRaw<{ dueAtMs: number | null }[]>`
    SELECT (extract(epoch FROM min(GREATEST("nextAttemptAt", COALESCE("claimedUntil", "nextAttemptAt")))) * 1000)::float8 AS "dueAtMs"
    FROM "OutboxMail" WHERE "sentAt" IS NULL`;
  const dueAtMs = rows[0]?.dueAtMs;
  return dueAtMs === null || dueAtMs === undefined ? null : new Date(Number(dueAtMs));
}
