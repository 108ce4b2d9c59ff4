import { rateLimitKey } from "../security/rate-limit";

/**
 * The rate-limit row behind the code-step lock: the same key lib/auth/guard-code-step.ts
 * counts failed codes under (a unit test locks an account through guardCodeStep and checks
 * that the admin pages see it, so the two cannot drift apart).
 */
export function codeStepLockKey(userId: string): string {
  return rateLimitKey("code-step", userId);
}
