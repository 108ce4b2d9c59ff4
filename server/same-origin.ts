import "server-only";

/**
 * Route handlers get no CSRF check from Next.js (server actions do): a state-changing POST
 * must come from a page of this site. Browsers send Origin on every cross-origin and
 * same-origin POST; Sec-Fetch-Site backs it up where present.
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
