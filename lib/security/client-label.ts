/**
 * What the stored "browser" of an event made by a command rather than a browser was: the
 * demo user made at the first start (lib/accounts/ensure-demo-user.ts) and `npm run
 * user:create` (scripts/user-create.ts). The activity list shows these as "Command line".
 */
export const commandLineUserAgents = ["nidan-start", "npm run user:create"] as const;

export function isCommandLineUserAgent(userAgent: string | null): boolean {
  return (commandLineUserAgents as readonly (string | null)[]).includes(userAgent);
}
