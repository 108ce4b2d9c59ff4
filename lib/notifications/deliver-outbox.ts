import nodemailer from "nodemailer";
import { db } from "../db";
import { type AppConfig, getConfig } from "../env";
import { isSupportedLocale } from "../i18n/locales";
import type { PrismaClient } from "../generated/prisma/client";
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

export type MailConfig = Pick<AppConfig, "smtpUrl" | "mailFrom" | "appName" | "defaultLocale">;

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
      await sendOne({ mail, config });
      // The confirmation link is the one secret a row may hold: gone once the relay has it (ADR 0017).
      await database.outboxMail.update({ where: { id }, data: { sentAt: clock(), claimedUntil: null, lastError: null, link: null } });
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
  recipient: string;
  kind: string;
  clientIp: string | null;
  locale: string | null;
  createdAt: Date;
  detail: string | null;
  link: string | null;
};

async function sendOne(options: { mail: OutboxRow; config: MailConfig }) {
  const { mail, config } = options;
  if (!isMailKind(mail.kind)) throw Object.assign(new Error("unknown mail kind"), { code: "EKIND" });
  const composed = composeSecurityNotification({
    kind: mail.kind,
    appName: config.appName,
    occurredAt: mail.createdAt,
    context: { ip: mail.clientIp, userAgent: null },
    detail: mail.detail,
    link: mail.link,
    locale: isSupportedLocale(mail.locale) ? mail.locale : config.defaultLocale,
  });
  if (!config.smtpUrl) {
    console.info(`[mail] (SMTP_URL unset) to=${mail.recipient} subject=${JSON.stringify(composed.subject)}`);
    // Without a relay the log is the only way a confirmation link can reach its reader (local use, ADR 0017).
    if (mail.link) console.info(`[mail] (SMTP_URL unset) link for ${mail.recipient}: ${mail.link}`);
    return;
  }
  await transportFor(config.smtpUrl).sendMail({
    from: config.mailFrom,
    to: { name: "", address: mail.recipient },
    subject: composed.subject,
    text: composed.text,
  });
}

/** When the earliest unsent mail may be claimed: its next attempt, or when another sender's claim expires. */
async function nextDueAt(database: PrismaClient): Promise<Date | null> {
  const rows = await database.$queryRaw<{ dueAtMs: number | null }[]>`
    SELECT (extract(epoch FROM min(GREATEST("nextAttemptAt", COALESCE("claimedUntil", "nextAttemptAt")))) * 1000)::float8 AS "dueAtMs"
    FROM "OutboxMail" WHERE "sentAt" IS NULL`;
  const dueAtMs = rows[0]?.dueAtMs;
  return dueAtMs === null || dueAtMs === undefined ? null : new Date(Number(dueAtMs));
}
