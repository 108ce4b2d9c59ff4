import { db } from "../db";
import type { Transaction } from "./audit-log";

/**
 * "Require two-factor authentication" (ADR 0007). A user the requirement covers must turn it
 * on within the grace period, which counts from the later of two moments: when the
 * requirement began to cover their role, and when their account was created. So an account
 * created after the policy was turned on gets the full grace period too.
 */
export const twoFactorRequirements = ["OFF", "ADMINS", "EVERYONE"] as const;
export type TwoFactorRequirement = (typeof twoFactorRequirements)[number];

export type TwoFactorPolicy = {
  requirement: TwoFactorRequirement;
  graceDays: number;
  /** When the requirement began to cover admins; null while it is off. */
  adminsSince: Date | null;
  /** When the requirement began to cover every user; null unless it does. */
  everyoneSince: Date | null;
  /**
   * "Passkeys only for admins": only a phishing-resistant factor counts for an admin (GitHub's
   * "secure methods only"); one without a passkey reaches nothing but the setup screen, at once.
   */
  adminsPasskeysOnly: boolean;
};

export const defaultTwoFactorPolicy: TwoFactorPolicy = { requirement: "OFF", graceDays: 7, adminsSince: null, everyoneSince: null, adminsPasskeysOnly: false };
export const maxGraceDays = 365;
const dayMs = 24 * 60 * 60 * 1000;

export type TwoFactorPolicyStatus =
  | { state: "not_required" }
  | { state: "satisfied" }
  | { state: "grace"; deadline: Date; daysLeft: number }
  | { state: "setup_required"; deadline: Date }
  /** An admin under "Passkeys only for admins" who has no passkey. */
  | { state: "passkey_required" };

type PolicyUser = { role: "USER" | "ADMIN"; createdAt: Date };

/** The moment from which this user can reach nothing but the setup screen, or null when not required. */
export function twoFactorDeadline(options: { policy: TwoFactorPolicy; user: PolicyUser }): Date | null {
  const { policy, user } = options;
  const since = user.role === "ADMIN" ? policy.adminsSince : policy.everyoneSince;
  if (policy.requirement === "OFF" || !since) return null;
  return new Date(Math.max(since.getTime(), user.createdAt.getTime()) + policy.graceDays * dayMs);
}

export function evaluateTwoFactorPolicy(options: {
  policy: TwoFactorPolicy;
  user: PolicyUser;
  twoFactorEnabled: boolean;
  /** Whether the user has at least one passkey (read only when the passkey rule applies). */
  hasPasskey?: boolean;
  now?: Date;
}): TwoFactorPolicyStatus {
  if (options.policy.adminsPasskeysOnly && options.user.role === "ADMIN") return options.hasPasskey ? { state: "satisfied" } : { state: "passkey_required" };
  const deadline = twoFactorDeadline(options);
  if (!deadline) return { state: "not_required" };
  if (options.twoFactorEnabled) return { state: "satisfied" };
  const msLeft = deadline.getTime() - (options.now ?? new Date()).getTime();
  if (msLeft <= 0) return { state: "setup_required", deadline };
  return { state: "grace", deadline, daysLeft: Math.ceil(msLeft / dayMs) };
}

/** The policy as stored; `client` is a transaction when the caller holds the settings row. */
export async function readTwoFactorPolicy(client: Pick<Transaction, "appSettings"> = db): Promise<TwoFactorPolicy> {
  const row = await client.appSettings.findUnique({
    where: { id: 1 },
    select: { twoFactorRequirement: true, twoFactorGraceDays: true, twoFactorAdminsSince: true, twoFactorEveryoneSince: true, adminsPasskeysOnly: true },
  });
  if (!row) return defaultTwoFactorPolicy;
  return {
    requirement: row.twoFactorRequirement,
    graceDays: row.twoFactorGraceDays,
    adminsSince: row.twoFactorAdminsSince,
    everyoneSince: row.twoFactorEveryoneSince,
    adminsPasskeysOnly: row.adminsPasskeysOnly,
  };
}

/** Where this user stands; one query while the policy is off, two when it is on. */
export async function getTwoFactorPolicyStatus(options: { userId: string; now?: Date }): Promise<TwoFactorPolicyStatus> {
  const policy = await readTwoFactorPolicy();
  if (policy.requirement === "OFF" && !policy.adminsPasskeysOnly) return { state: "not_required" };
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: { role: true, createdAt: true, twoFactor: { select: { enabledAt: true } }, _count: { select: { passkeys: true } } },
  });
  if (!user) return { state: "not_required" };
  return evaluateTwoFactorPolicy({ policy, user, twoFactorEnabled: Boolean(user.twoFactor?.enabledAt), hasPasskey: user._count.passkeys > 0, now: options.now });
}
