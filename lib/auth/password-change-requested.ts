import { db } from "../db";

/**
 * True while the account's password is one a sign-in found on the common-password list
 * (lib/auth/verify-password-step.ts) and has not been set again since — by a reset or a change.
 */
export async function isPasswordChangeRequested(options: { userId: string }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { commonPasswordSeenAt: true, passwordChangedAt: true } });
  if (!user?.commonPasswordSeenAt) return false;
  return !user.passwordChangedAt || user.passwordChangedAt < user.commonPasswordSeenAt;
}
