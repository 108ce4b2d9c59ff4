import { setTimeout as sleep } from "node:timers/promises";
import { estimatedHashSeconds, estimatedWaitSeconds, hashQueueHasIdleCore } from "../crypto/hash-queue";
import { rateLimitClientOf } from "../security/client-address";
import type { RequestContext } from "../security/record-event";
import { rateLimitKey, spendBudget, strictestRefusal, unknownEmailGlobalBudget, unknownEmailPerClientBudget } from "../security/rate-limit";

// On globalThis like the argon2 counter: one count per process, readable by `npm run bench`.
const shared = globalThis as typeof globalThis & { __nidanUnknownEmailImitations?: number };
shared.__nidanUnknownEmailImitations ??= 0;

/** Password attempts for unknown emails answered without a hash so far in this process. */
export function unknownEmailImitationCount(): number {
  return shared.__nidanUnknownEmailImitations ?? 0;
}

/**
 * For a password attempt whose email has no account (ADR 0010). True: verify the password
 * against the dummy hash as usual. False: the caller answers "email or password incorrect"
 * without a hash — this function has already waited as long as a verify would take now (the
 * queue's wait plus one hash), so neither the answer nor its time tells the email is unknown.
 *
 * A real verify is spent only while the budgets allow it (per client when the address is
 * known, and across all clients) and a core is idle: unknown emails then use spare CPU only,
 * and a flood of them never queues in front of a real user's hash.
 */
export async function spendUnknownEmailBudget(options: { context: RequestContext; now?: Date }): Promise<boolean> {
  if (hashQueueHasIdleCore()) {
    const budgets = [{ key: rateLimitKey("unknown-email-global"), policy: unknownEmailGlobalBudget }];
    if (options.context.ip) budgets.push({ key: rateLimitKey("unknown-email-client", rateLimitClientOf(options.context.ip)), policy: unknownEmailPerClientBudget });
    const spent = await Promise.all(budgets.map((budget) => spendBudget({ ...budget, now: options.now })));
    // Checked again: the core may have been taken while the budgets were counted.
    if (!strictestRefusal(spent) && hashQueueHasIdleCore()) return true;
  }
  shared.__nidanUnknownEmailImitations = unknownEmailImitationCount() + 1;
  await sleep((estimatedWaitSeconds() + estimatedHashSeconds()) * 1000);
  return false;
}
