/**
 * Where the language switcher sends the browser back to: the path (and query) of the page it
 * was on, read from the Referer, when that page is on this host. Anything else gives "/".
 *
 * A path that starts with `//` or `/\` is not a path to a browser but another host
 * (`//evil.example/` is protocol-relative, and browsers read `\` as `/`), so a Referer such as
 * `https://nidan.example//evil.example/` — a 404 page of this site, which shows the switcher —
 * would make an open redirect. Such paths give "/".
 */
export function sameSiteReturnPath(options: { referer: string | null | undefined; host: string | null | undefined }): string {
  const home = "/";
  if (!options.referer || !options.host) return home;
  let referer: URL;
  try {
    referer = new URL(options.referer);
  } catch {
    return home;
  }
  if (referer.protocol !== "http:" && referer.protocol !== "https:") return home;
  if (referer.host !== options.host) return home;
  const path = referer.pathname + referer.search;
  // The URL parser already reads `\` as `/` in http(s) URLs; the check names both anyway.
  if (!path.startsWith("/") || /^\/[/\\]/.test(path)) return home;
  return path;
}
