import { randomBytes, randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Mailbox, startHungSmtpServer, startMailbox } from "../../e2e/security/support/mailbox";
import { freePort } from "../../e2e/support/free-port";
import { createAccount } from "../accounts/create-account";
import { startSession } from "../auth/start-session";
import { verifyBackupCodeStep } from "../auth/code-steps";
import { db } from "../db";
import { testEngines } from "../../testing/databases";
import { useFreshAppDatabase } from "../../testing/use-fresh-app-database";
import { getConfig } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { enableTwoFactor } from "../two-factor/enable-two-factor";
import { ensurePendingSetup } from "../two-factor/ensure-pending-setup";
import { regenerateBackupCodes } from "../two-factor/regenerate-backup-codes";
import { generateTotpCode } from "../two-factor/totp";
import { deliverOutbox, mailClaimSeconds, retryDelaySeconds } from "./deliver-outbox";
import { recordNotifiedSecurityEvent } from "./record-notified-event";

const context = { ip: "203.0.113.7", userAgent: "vitest" };
const keyring = { current: randomBytes(32), previous: [] };
/** nodemailer's connection, greeting and socket timeouts (deliver-outbox.ts). */
const smtpTimeoutMs = 10_000;

// Each test hashes (a password, backup codes) and runs passes over SMTP: more than the default
// 30 s when the two cores are shared with a build or another suite.
describe.each(testEngines())("the mail outbox on $name", { timeout: 120_000 }, (engine) => {
  useFreshAppDatabase(engine);
  // One port for the relay throughout: hung, then down, then back. Set before the first
  // getConfig() of this file (after useFreshAppDatabase's set-up, which clears SMTP_URL).
  let smtpPort = 0;
  const mailConfig = () => ({ ...getConfig(), smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  let mailbox: Mailbox | undefined;
  beforeAll(async () => {
    smtpPort = await freePort();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await mailbox?.close();
  });

  const mailsTo = (address: string) => (mailbox?.messages ?? []).filter((mail) => mail.envelopeTo.includes(address));

  it("keeps the sign-in off the SMTP server while it hangs or is down, and sends the mail once it is back", async () => {
    const hung = await startHungSmtpServer(smtpPort);
    const email = `outbox-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    const { userId } = created;
    // Signed in from an English page: the user's mails are in English (issue 15).
    const { sessionId } = await startSession({ userId, method: "password", context, locale: "en" });
    const setup = await ensurePendingSetup({ userId, sessionId, keyring });
    expect(await enableTwoFactor({ userId, sessionId, code: await generateTotpCode({ secret: setup!.secret }), keyring, context })).toEqual({ ok: true, turnedOn: true });
    const regenerated = await regenerateBackupCodes({ userId, context });
    if (!regenerated.ok) throw new Error("could not create backup codes");

    const startedAt = performance.now();
    expect(await verifyBackupCodeStep({ userId, code: regenerated.codes[0], context })).toEqual({ ok: true });
    const signInMs = performance.now() - startedAt;
    console.info(`[outbox test] backup-code sign-in with the SMTP server hung: ${Math.round(signInMs)} ms`);

    // Nothing on the sign-in path spoke to the relay, so it did not wait out a timeout.
    expect(hung.connections()).toBe(0);
    expect(signInMs).toBeLessThan(smtpTimeoutMs / 2);
    const rows = () => db.outboxMail.findMany({ where: { recipient: email }, orderBy: { createdAt: "asc" } });
    expect((await rows()).map((row) => [row.kind, row.sentAt])).toEqual([
      ["two_factor_enabled", null],
      ["backup_codes_regenerated", null],
      ["backup_code_used", null],
    ]);

    // The relay is down (nothing listens): the pass fails at the first mail, keeps it for later, and stops.
    await hung.close();
    expect(await deliverOutbox({ config: mailConfig() })).toMatchObject({ sent: 0, failed: 1 });
    const [failed] = (await rows()).filter((row) => row.attempts > 0);
    expect(failed).toMatchObject({ kind: "two_factor_enabled", attempts: 1, sentAt: null, claimedUntil: null, lastError: expect.stringMatching(/^E[A-Z]+/) });
    expect(failed.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan((retryDelaySeconds(1) - 5) * 1000);
    expect((await rows()).filter((row) => row.sentAt === null)).toHaveLength(3);

    // Back up: the mails never tried go now; the failed one waits out its backoff, then goes once.
    mailbox = await startMailbox({ port: smtpPort });
    expect(await deliverOutbox({ config: mailConfig() })).toMatchObject({ sent: 2, failed: 0 });
    expect(mailsTo(email).map((mail) => mail.subject)).not.toContainEqual(expect.stringContaining("Two-factor authentication was turned on"));
    const afterBackoff = new Date(Date.now() + (retryDelaySeconds(1) + 1) * 1000);
    expect(await deliverOutbox({ config: mailConfig(), now: afterBackoff })).toMatchObject({ sent: 1, failed: 0, nextDueAt: null });

    const subjects = mailsTo(email).map((mail) => mail.subject);
    expect(subjects.sort()).toEqual(["[Nidan] A backup code was used to log in", "[Nidan] New backup codes were created", "[Nidan] Two-factor authentication was turned on"]);
    const used = mailsTo(email).find((mail) => mail.subject.includes("A backup code was used"))!;
    expect(used.text).toContain(`IP address: ${context.ip}`);
    expect(used.text).not.toContain(regenerated.codes[0]);
    expect((await rows()).every((row) => row.sentAt !== null && row.claimedUntil === null)).toBe(true);
  });

  it("delivers each mail exactly once when two senders work the outbox at the same time", async () => {
    mailbox ??= await startMailbox({ port: smtpPort });
    const email = `two-senders-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    // Twenty mails told apart by the address each names.
    const addresses = Array.from({ length: 20 }, (_, index) => `192.0.2.${index + 1}`);
    for (const ip of addresses) {
      await recordNotifiedSecurityEvent({ userId: created.userId, kind: "backup_code_used", context: { ip, userAgent: null } });
    }

    // On PostgreSQL the second sender has connections of its own, as another instance would;
    // the embedded database has one connection, which both share.
    const pool = engine.name === "postgresql" ? new pg.Pool({ connectionString: process.env.DATABASE_URL }) : undefined;
    const second = pool ? new PrismaClient({ adapter: new PrismaPg(pool) }) : db;
    try {
      const passes = await Promise.all([deliverOutbox({ config: mailConfig() }), deliverOutbox({ config: mailConfig(), database: second })]);
      console.info(`[outbox test] ${engine.name}: the two senders sent ${passes.map((pass) => pass.sent).join(" and ")} mails`);
      expect(passes[0].sent + passes[1].sent).toBe(addresses.length);
    } finally {
      // Prisma's $disconnect leaves a pool it was given open.
      if (pool) await second.$disconnect().then(() => pool.end());
    }

    const named = mailsTo(email).map((mail) => /(?:IPアドレス|IP address): (\S+)/.exec(mail.text)?.[1]);
    expect(named.sort()).toEqual([...addresses].sort());
    expect(await db.outboxMail.count({ where: { recipient: email, sentAt: { not: null }, attempts: 1 } })).toBe(addresses.length);
  });

  it("writes each mail in its user's language alone: the one they last used, else DEFAULT_LOCALE", async () => {
    mailbox ??= await startMailbox({ port: smtpPort });
    const account = async (prefix: string) => {
      const email = `${prefix}-${randomUUID()}@example.com`;
      const created = await createAccount({ email, password: "correct horse battery", context });
      if (!created.ok) throw new Error("could not create the user");
      return { email, userId: created.userId };
    };
    const japanese = await account("ja-reader");
    const english = await account("en-reader");
    const unknown = await account("no-language");
    await startSession({ userId: japanese.userId, method: "password", context, locale: "ja" });
    await startSession({ userId: english.userId, method: "password", context, locale: "en" });
    // A later sign-in that names no language keeps the one remembered.
    await startSession({ userId: english.userId, method: "password", context });
    for (const { userId } of [japanese, english, unknown]) await recordNotifiedSecurityEvent({ userId, kind: "backup_code_used", context });

    await deliverOutbox({ config: { ...mailConfig(), defaultLocale: "en" } });
    const [toJapanese] = mailsTo(japanese.email);
    expect(toJapanese.subject).toBe("[Nidan] バックアップコードを使用してログインしました");
    expect(toJapanese.text).toContain(`IPアドレス: ${context.ip}`);
    expect(toJapanese.text).not.toMatch(/\b(?:backup|Address|When)\b/);
    const [toEnglish] = mailsTo(english.email);
    expect(toEnglish.subject).toBe("[Nidan] A backup code was used to log in");
    expect(toEnglish.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    expect(mailsTo(unknown.email)[0].subject, "no language remembered: DEFAULT_LOCALE").toBe("[Nidan] A backup code was used to log in");
  });

  it("sends a mail again once the claim of a sender that stopped mid-send has expired", async () => {
    mailbox ??= await startMailbox({ port: smtpPort });
    const email = `crashed-${randomUUID()}@example.com`;
    const created = await createAccount({ email, password: "correct horse battery", context });
    if (!created.ok) throw new Error("could not create the user");
    await recordNotifiedSecurityEvent({ userId: created.userId, kind: "code_step_locked", context });
    // What a sender leaves when it stops between its claim and the send's outcome.
    const now = new Date();
    await db.outboxMail.updateMany({ where: { recipient: email }, data: { attempts: 1, claimedUntil: new Date(now.getTime() + mailClaimSeconds * 1000) } });

    expect(await deliverOutbox({ config: mailConfig(), now })).toMatchObject({ sent: 0 });
    expect(mailsTo(email)).toHaveLength(0);
    expect(await deliverOutbox({ config: mailConfig(), now: new Date(now.getTime() + (mailClaimSeconds + 1) * 1000) })).toMatchObject({ sent: 1 });
    expect(mailsTo(email)).toHaveLength(1);
    expect(await db.outboxMail.findFirst({ where: { recipient: email } })).toMatchObject({ attempts: 2, sentAt: expect.any(Date) });
  });
});
