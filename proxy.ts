import { type NextRequest, NextResponse } from "next/server";
import { maxRequestBodyBytes, requestBodyExceeds, requestTooLargePage } from "@/lib/http/request-body-limit";

/**
 * A nonce-based Content-Security-Policy per request (Next.js applies the nonce to its own
 * scripts). This proxy guards nothing: every page, action and route handler checks the
 * session itself (issue 3, CVE-2025-29927). It also refuses a body too large for any form of
 * the app with 413 and a page, before Next.js parses it (issue 13 point 5).
 */
export async function proxy(request: NextRequest) {
  if (request.method !== "GET" && request.method !== "HEAD" && (await requestBodyExceeds({ request, limitBytes: maxRequestBodyBytes }))) {
    return new NextResponse(requestTooLargePage, {
      status: 413,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" },
    });
  }
  const nonce = btoa(crypto.randomUUID());
  const isDevelopment = process.env.NODE_ENV === "development";
  const isHttps = request.nextUrl.protocol === "https:";
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", contentSecurityPolicy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", contentSecurityPolicy);
  return response;
}

export const config = {
  matcher: [
    // A server action marked as a prefetch skips the entry below; its body must still be checked.
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "next-action" }] },
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
