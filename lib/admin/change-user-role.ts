import { db } from "../db";
import type { RequestContext } from "../security/record-event";
import { appendAuditEntry, isUuid } from "./audit-log";

export type UserRole = "USER" | "ADMIN";

export type ChangeUserRoleResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: "forbidden" | "not_found" | "last_admin" };

/**
 * Promotes a user to admin or demotes an admin to user. Every admin row is locked first
 * (in id order, so two demotions cannot deadlock): two admins demoting each other at once
 * run one after the other, and the second finds itself, or the last admin, and refuses.
 * There is always at least one admin.
 */
export async function changeUserRole(options: {
  actorId: string;
  targetUserId: string;
  role: UserRole;
  context: RequestContext;
}): Promise<ChangeUserRoleResult> {
  if (!isUuid(options.actorId)) return { ok: false, reason: "forbidden" };
  if (!isUuid(options.targetUserId)) return { ok: false, reason: "not_found" };
  return db.$transaction(async (tx): Promise<ChangeUserRoleResult> => {
    const admins = await tx.$queryRaw<{ id: string; email: string }[]>`
      SELECT "id"::text AS "id", "email" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" FOR UPDATE`;
    const actor = admins.find((admin) => admin.id === options.actorId);
    if (!actor) return { ok: false, reason: "forbidden" };
    const target = await tx.user.findUnique({ where: { id: options.targetUserId }, select: { id: true, email: true, role: true } });
    if (!target) return { ok: false, reason: "not_found" };
    if (target.role === options.role) return { ok: true, changed: false };
    if (options.role === "USER" && admins.length <= 1) return { ok: false, reason: "last_admin" };
    await tx.user.update({ where: { id: target.id }, data: { role: options.role } });
    await appendAuditEntry(tx, {
      action: options.role === "ADMIN" ? "role_granted" : "role_revoked",
      actor,
      target,
      context: options.context,
    });
    return { ok: true, changed: true };
  });
}
