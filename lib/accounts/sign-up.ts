import { rateLimitClientOf } from "../security/client-address";
import type { RequestContext } from "../security/record-event";
import { rateLimitKey, signUpGlobalBudget, signUpPerClientBudget, spendBudget, strictestRefusal } from "../security/rate-limit";
import { createAccount, type CreateAccountResult } from "./create-account";

export type SignUpResult = CreateAccountResult | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Self sign-up at /signup: an account costs one hash and a row, so it spends a budget per
 * client (when a trusted proxy names it) and one across all clients (ADR 0010). Accounts made
 * by an operator (`npm run user:create`, the demo user) call createAccount directly.
 */
export async function signUp(options: { email: string; password: string; context: RequestContext; now?: Date }): Promise<SignUpResult> {
  const budgets = [{ key: rateLimitKey("sign-up-global"), policy: signUpGlobalBudget }];
  if (options.context.ip) budgets.push({ key: rateLimitKey("sign-up-client", rateLimitClientOf(options.context.ip)), policy: signUpPerClientBudget });
  const refusal = strictestRefusal(await Promise.all(budgets.map((budget) => spendBudget({ ...budget, now: options.now }))));
  if (refusal) return { ok: false, reason: "rate_limited", retryAfterSeconds: refusal.retryAfterSeconds };
  return createAccount({ email: options.email, password: options.password, context: options.context });
}
