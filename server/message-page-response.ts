import "server-only";
import { getLocale } from "next-intl/server";
import { getConfig } from "@/lib/env";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A refusal from a route handler to a plain form post (no JavaScript): a small page with the
 * message and a way back, with the status and Retry-After a script or a proxy reads.
 */
export async function messagePageResponse(options: { status: number; retryAfterSeconds: number; title: string; message: string; back: { href: string; label: string } }) {
  const html = `<!doctype html>
<html lang="${escapeHtml(await getLocale())}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(getConfig().appName)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(options.title)}</h1>
<p role="alert">${escapeHtml(options.message)}</p>
<p><a href="${escapeHtml(options.back.href)}">${escapeHtml(options.back.label)}</a></p>
</body></html>`;
  return new Response(html, {
    status: options.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(options.retryAfterSeconds), "Cache-Control": "no-store" },
  });
}
