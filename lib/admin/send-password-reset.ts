import type { Keyring } from "../crypto/secret-box";
import { db } from "../db";
import { issuePasswordResetLink } from "../password-reset/request-password-reset";
import type { RequestContext } from "../security/record-event";
import { appendAuditEntry, isUuid, lockActingAdmin } from "./audit-log";

export type SendPasswordResetResult = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | "self" };

/** The user's own activity shows the link was sent but not the admin's address or browser. */
const hiddenAdminContext: RequestContext = { ip: null, userAgent: null };

/**
 * An admin sends a user a reset link (issue 16 §5): the same link as "Forgot your password?",
 * mailed to the user's address, never shown to the admin, with its reason in the audit log —
 * in one transaction. Any earlier link of the user dies. The admin never sees or sets a
 * password; with two-factor authentication on, the link still asks for a code.
 */
export async function sendPasswordReset(options: {
  actorId: string;
  targetUserId: string;
  reason: string;
  linkOrigin: string;
  keyring: Keyring;
  context: RequestContext;
}): Promise<SendPasswordResetResult> {
  if (!isUuid(options.targetUserId)) return { ok: false, reason: "not_found" };
  return db.$transaction(async (tx): Promise<SendPasswordResetResult> => {
    const actor = await lockActingAdmin(tx, options.actorId);
    if (!actor) return { ok: false, reason: "forbidden" };
    // An admin's own password goes through "Forgot your password?" like anyone's.
    if (actor.id === options.targetUserId) return { ok: false, reason: "self" };
    const target = await tx.user.findUnique({ where: { id: options.targetUserId }, select: { id: true, email: true } });
    if (!target) return { ok: false, reason: "not_found" };
    const { issued } = await issuePasswordResetLink({
      email: target.email,
      linkOrigin: options.linkOrigin,
      keyring: options.keyring,
      context: hiddenAdminContext,
      sentByAdmin: true,
      transaction: tx,
    });
    if (!issued) return { ok: false, reason: "not_found" };
    await appendAuditEntry(tx, { action: "password_reset_sent", actor, target, reason: options.reason, context: options.context });
    return { ok: true };
  });
}
