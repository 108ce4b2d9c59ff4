import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { AdminAuditAction } from "./audit-log";
import { literalContains } from "./search-text";

export const auditPageSize = 50;

export type AuditEntry = {
  id: string;
  action: string;
  actorEmail: string;
  targetEmail: string | null;
  reason: string | null;
  details: Prisma.JsonValue;
  ip: string | null;
  createdAt: Date;
};

export type AuditPage = { entries: AuditEntry[]; total: number; page: number; pageCount: number };

/** The audit log, newest first; `actorEmail` and `targetEmail` match any part of the address. */
export async function listAuditEntries(options: {
  action?: AdminAuditAction;
  actorEmail?: string;
  targetEmail?: string;
  page?: number;
}): Promise<AuditPage> {
  const actorEmail = options.actorEmail?.trim().toLowerCase();
  const targetEmail = options.targetEmail?.trim().toLowerCase();
  const where: Prisma.AdminAuditEntryWhereInput = {
    ...(options.action ? { action: options.action } : {}),
    ...(actorEmail ? { actorEmail: literalContains(actorEmail) } : {}),
    ...(targetEmail ? { targetEmail: literalContains(targetEmail) } : {}),
  };
  const total = await db.adminAuditEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const entries = await db.adminAuditEntry.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * auditPageSize,
    take: auditPageSize,
    select: { id: true, action: true, actorEmail: true, targetEmail: true, reason: true, details: true, ip: true, createdAt: true },
  });
  return { entries, total, page, pageCount };
}
