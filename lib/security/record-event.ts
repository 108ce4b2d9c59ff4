import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export const securityEventTypes = [
  "sign_in",
  "sign_in_failed_password",
  "sign_in_failed_code",
  "code_step_locked",
  "password_step_locked",
  "backup_code_used",
  "two_factor_enabled",
  "two_factor_disabled",
  "backup_codes_regenerated",
  "signed_out",
  "sessions_ended",
  "account_created",
  "two_factor_reset_by_admin",
  "password_changed",
  "email_change_requested",
  "email_changed",
  "password_reset_requested",
  "passkey_added",
  "passkey_removed",
  "passkey_counter_regressed",
  "authenticator_app_added",
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

export type RequestContext = { ip: string | null; userAgent: string | null };

/** The request's client as stored beside an event or session: cut to the columns' sizes. */
export function storedClient(context: RequestContext): { ip: string | null; userAgent: string | null } {
  return { ip: context.ip?.slice(0, 64) ?? null, userAgent: context.userAgent?.slice(0, 256) ?? null };
}

/** Records a security event; never codes, secrets or passwords, only what happened. */
export async function recordSecurityEvent(options: {
  userId: string | null;
  type: SecurityEventType;
  context: RequestContext;
  transaction?: Prisma.TransactionClient;
}) {
  await (options.transaction ?? db).securityEvent.create({
    data: {
      userId: options.userId,
      type: options.type,
      ...storedClient(options.context),
    },
  });
}
