import { db } from "../db";

export const recentSecurityEventCount = 20;

export function listRecentSecurityEvents(options: { userId: string }) {
  return db.securityEvent.findMany({
    where: { userId: options.userId },
    orderBy: { createdAt: "desc" },
    take: recentSecurityEventCount,
    select: { id: true, type: true, ip: true, userAgent: true, createdAt: true },
  });
}
