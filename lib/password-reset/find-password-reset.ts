import { db } from "../db";
import { hashPasswordResetToken } from "./reset-token";

export type PasswordReset = { tokenId: string; tokenHash: string; userId: string; email: string; twoFactorEnabled: boolean };
export type FindPasswordResetResult = { ok: true; reset: PasswordReset } | { ok: false; reason: "invalid" };

/**
 * The live reset a link names: found by its hash (never compared in the clear), not expired,
 * and made after the password last changed — a change by any path kills older links.
 */
export async function findPasswordReset(options: { token: unknown; now?: Date }): Promise<FindPasswordResetResult> {
  const tokenHash = hashPasswordResetToken(options.token);
  if (!tokenHash) return { ok: false, reason: "invalid" };
  const now = options.now ?? new Date();
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash },
    select: { id: true, createdAt: true, expiresAt: true, user: { select: { id: true, email: true, passwordChangedAt: true, twoFactor: { select: { enabledAt: true } } } } },
  });
  if (!row || row.expiresAt <= now) return { ok: false, reason: "invalid" };
  if (row.user.passwordChangedAt && row.user.passwordChangedAt >= row.createdAt) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    reset: { tokenId: row.id, tokenHash, userId: row.user.id, email: row.user.email, twoFactorEnabled: Boolean(row.user.twoFactor?.enabledAt) },
  };
}
