import { db } from "../db";
import type { RequestContext } from "../security/record-event";
import { appendAuditEntry, lockActingAdmin } from "./audit-log";
import { readTwoFactorPolicy, type TwoFactorPolicy, type TwoFactorRequirement } from "./two-factor-policy";

export type SetTwoFactorPolicyResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: "forbidden" | "actor_without_two_factor" | "actor_without_passkey" };

/**
 * The start times move only when the requirement covers more people: turning it on starts
 * the admins' (and, for everyone, the users') grace period; widening "admins" to "everyone"
 * starts the users' only. Changing the grace period applies to every deadline at once.
 */
function nextPolicy(options: { current: TwoFactorPolicy; requirement: TwoFactorRequirement; graceDays: number; adminsPasskeysOnly: boolean; now: Date }): TwoFactorPolicy {
  const { current, requirement, adminsPasskeysOnly, now } = options;
  if (requirement === "OFF") return { requirement, graceDays: options.graceDays, adminsSince: null, everyoneSince: null, adminsPasskeysOnly };
  return {
    requirement,
    graceDays: options.graceDays,
    adminsSince: current.adminsSince ?? now,
    everyoneSince: requirement === "EVERYONE" ? (current.everyoneSince ?? now) : null,
    adminsPasskeysOnly,
  };
}

/**
 * Sets "Require two-factor authentication". Like GitHub's organisations, an admin must have
 * it on before requiring it, so that no admin locks themselves out of the admin pages.
 */
export async function setTwoFactorPolicy(options: {
  actorId: string;
  requirement: TwoFactorRequirement;
  graceDays: number;
  /** "Passkeys only for admins"; unchanged when not given. */
  adminsPasskeysOnly?: boolean;
  context: RequestContext;
  now?: Date;
}): Promise<SetTwoFactorPolicyResult> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx): Promise<SetTwoFactorPolicyResult> => {
    const actor = await lockActingAdmin(tx, options.actorId);
    if (!actor) return { ok: false, reason: "forbidden" };
    if (options.requirement !== "OFF" && !actor.twoFactorEnabled) return { ok: false, reason: "actor_without_two_factor" };
    // The same rule for the passkey option: no admin locks themselves out of the admin pages.
    if (options.adminsPasskeysOnly && (await tx.passkey.count({ where: { userId: actor.id } })) === 0) return { ok: false, reason: "actor_without_passkey" };
    // Creates the one settings row if need be, then holds it until commit: concurrent changes queue.
    await tx.$executeRaw`INSERT INTO "AppSettings" ("id", "updatedAt") VALUES (1, ${now.toISOString()}::timestamp(3)) ON CONFLICT ("id") DO NOTHING`;
    await tx.$queryRaw`SELECT "id" FROM "AppSettings" WHERE "id" = 1 FOR UPDATE`;
    const current = await readTwoFactorPolicy(tx);
    const adminsPasskeysOnly = options.adminsPasskeysOnly ?? current.adminsPasskeysOnly;
    const next = nextPolicy({ current, requirement: options.requirement, graceDays: options.graceDays, adminsPasskeysOnly, now });
    const unchanged = next.requirement === current.requirement && next.graceDays === current.graceDays && next.adminsPasskeysOnly === current.adminsPasskeysOnly;
    if (unchanged) return { ok: true, changed: false };
    await tx.appSettings.update({
      where: { id: 1 },
      data: {
        twoFactorRequirement: next.requirement,
        twoFactorGraceDays: next.graceDays,
        twoFactorAdminsSince: next.adminsSince,
        twoFactorEveryoneSince: next.everyoneSince,
        adminsPasskeysOnly: next.adminsPasskeysOnly,
      },
    });
    await appendAuditEntry(tx, {
      action: "policy_changed",
      actor,
      details: {
        from: { requirement: current.requirement, graceDays: current.graceDays, adminsPasskeysOnly: current.adminsPasskeysOnly },
        to: { requirement: next.requirement, graceDays: next.graceDays, adminsPasskeysOnly: next.adminsPasskeysOnly },
      },
      context: options.context,
    });
    return { ok: true, changed: true };
  });
}
