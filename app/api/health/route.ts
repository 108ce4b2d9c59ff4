import { NextResponse } from "next/server";
import { checkDatabaseHealth, ensureDatabaseReady } from "@/lib/db";

/** 200 when the database answers and every migration is applied; 503 otherwise (for load balancers). */
export async function GET() {
  // A database that was down at start gets its migrations once it is back.
  await ensureDatabaseReady().catch(() => undefined);
  const health = await checkDatabaseHealth();
  const healthy = health.ok && health.migrationsCurrent;
  return NextResponse.json(
    { status: healthy ? "ok" : "unavailable", database: health.ok ? "up" : "down", migrations: health.migrationsCurrent ? "current" : "pending" },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
