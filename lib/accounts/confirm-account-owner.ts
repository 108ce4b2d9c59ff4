import type { PresentedDeviceCookie } from "../auth/device-cookie";
import { isReauthenticationRequired } from "../auth/reauthenticate";
import { verifyBackupCodeStep } from "../auth/code-steps";
import { verifyPasswordStep } from "../auth/password-step";
import { verifyTotpStep } from "../auth/code-steps";
import type { Keyring } from "../crypto/secret-box";
import { db } from "../db";
import { backupCodeDigits } from "../input/code-format";
import type { RequestContext } from "../security/record-event";

/** The signed-in session asking for a change of the account's password or address. */
export type AccountChangeSession = { sessionId: string; authenticatedAt: Date; user: { id: string; email: string } };

export type ConfirmAccountOwnerResult =
  | { ok: true }
  | { ok: false; reason: "invalid_password" | "invalid_password_or_code" | "second_factor_required" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Whether a change of the password or the address asks for a current code besides the password:
 * with two-factor authentication on, once the sign-in is older than the re-authentication
 * window (issue 16 §2, ADR 0013, ADR 0017).
 */
export async function accountChangeAsksForCode(session: Pick<AccountChangeSession, "authenticatedAt" | "user">): Promise<boolean> {
  if (!isReauthenticationRequired({ authenticatedAt: session.authenticatedAt })) return false;
  const twoFactor = await db.twoFactor.findUnique({ where: { userId: session.user.id }, select: { enabledAt: true } });
  return Boolean(twoFactor?.enabledAt);
}

/**
 * The proof a change of the password or the address needs, every time: the current password,
 * checked by the sign-in's own password step, so a wrong one counts against the password-step
 * limits (ADR 0004) — and, when `accountChangeAsksForCode`, a current authenticator code or an
 * unused backup code (then spent), counted in the code step's limit. A missing code is refused
 * before the password is checked; a wrong password or code gets one answer when a code was asked.
 */
export async function confirmAccountOwner(options: {
  session: AccountChangeSession;
  currentPassword: string;
  /** What the form posted as the code, normalised (6 or 8 digits), or null. */
  code: string | null;
  keyring: Keyring;
  deviceCookies: PresentedDeviceCookie[];
  context: RequestContext;
}): Promise<ConfirmAccountOwnerResult> {
  const { session } = options;
  const asksForCode = await accountChangeAsksForCode(session);
  if (asksForCode && !options.code) return { ok: false, reason: "second_factor_required" };
  const wrong = asksForCode ? "invalid_password_or_code" : "invalid_password";

  const password = await verifyPasswordStep({
    email: session.user.email,
    password: options.currentPassword,
    context: options.context,
    deviceCookies: options.deviceCookies,
  });
  if (!password.ok) return password.reason === "rate_limited" ? password : { ok: false, reason: wrong };
  // The address is the session's user's, read on this request; a different id would be another account's.
  if (password.userId !== session.user.id) return { ok: false, reason: wrong };
  if (!asksForCode || !options.code) return { ok: true };

  const step = { userId: session.user.id, code: options.code, context: options.context };
  const checked = options.code.length === backupCodeDigits ? await verifyBackupCodeStep(step) : await verifyTotpStep({ ...step, keyring: options.keyring });
  if (checked.ok) return { ok: true };
  return checked.reason === "rate_limited" ? checked : { ok: false, reason: wrong };
}
