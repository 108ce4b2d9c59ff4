// The rules for the key shown on the setup screen before it is verified (ADR 0011).

/**
 * A pending key lives 15 minutes, in the session that was shown it: long enough to scan it and
 * type a code, short enough that a key noted by someone else (who knows the password, signs in
 * elsewhere, and waits for the owner to turn 2FA on) is worthless.
 */
export const pendingSetupTtlSeconds = 15 * 60;

export type PendingSetupRow = {
  pendingSecretEncrypted: string | null;
  pendingSessionId: string | null;
  pendingCreatedAt: Date | null;
};

/** Whether `sessionId` may still see and verify this pending key at `now`. */
export function isPendingSetupUsable(options: { pending: PendingSetupRow; sessionId: string; now: Date }): boolean {
  const { pendingSecretEncrypted, pendingSessionId, pendingCreatedAt } = options.pending;
  if (!pendingSecretEncrypted || !pendingCreatedAt || pendingSessionId !== options.sessionId) return false;
  return options.now.getTime() - pendingCreatedAt.getTime() < pendingSetupTtlSeconds * 1000;
}
