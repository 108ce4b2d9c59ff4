/**
 * The relying party a ceremony is for: its ID is the host name of the app's origin (AUTH_URL's
 * when set, else the one the request reached — server/app-origin.ts), and the browser's response
 * must name exactly that origin. A passkey made for one host never signs in at another.
 */
export type RelyingParty = { id: string; origin: string; name: string };

export function relyingPartyOf(options: { origin: string; appName: string }): RelyingParty {
  const url = new URL(options.origin);
  return { id: url.hostname, origin: url.origin, name: options.appName };
}
