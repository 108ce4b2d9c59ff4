import type { Prisma } from "../generated/prisma/client";
import { type RequestContext, storedClient } from "../security/record-event";

/** Every kind of admin action the audit log records. */
export const adminAuditActions = ["role_granted", "role_revoked", "two_factor_reset", "account_unlocked", "policy_changed", "password_reset_sent"] as const;
export type AdminAuditAction = (typeof adminAuditActions)[number];

export type Transaction = Prisma.TransactionClient;

export type ActingAdmin = { id: string; email: string; twoFactorEnabled: boolean };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * The admin doing the action, still an admin at this instant, or null. The row stays locked
 * (FOR SHARE) until the transaction ends, so a concurrent demotion of this admin waits for
 * the action to finish or makes it refuse: authorisation and change are one atomic step.
 */
export async function lockActingAdmin(tx: Transaction, actorId: string): Promise<ActingAdmin | null> {
  if (!isUuid(actorId)) return null;
  const rows = await tx.$queryRaw<ActingAdmin[]>`
    SELECT u."id"::text AS "id", u."email", (t."enabledAt" IS NOT NULL) AS "twoFactorEnabled"
    FROM "User" u LEFT JOIN "TwoFactor" t ON t."userId" = u."id"
    WHERE u."id" = ${actorId}::uuid AND u."role" = 'ADMIN'
    FOR SHARE OF u`;
  return rows[0] ?? null;
}

/** Appends to the audit log inside the action's transaction: no change without its entry. */
export async function appendAuditEntry(
  tx: Transaction,
  entry: {
    action: AdminAuditAction;
    actor: Pick<ActingAdmin, "id" | "email">;
    target?: { id: string; email: string };
    reason?: string;
    details?: Prisma.InputJsonValue;
    context: RequestContext;
  },
) {
  await tx.adminAuditEntry.create({
    data: {
      action: entry.action,
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      targetId: entry.target?.id ?? null,
      targetEmail: entry.target?.email ?? null,
      reason: entry.reason ?? null,
      details: entry.details,
      ip: storedClient(entry.context).ip,
    },
  });
}
