import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/env";
import type { RequestContext } from "@/lib/security/record-event";

/**
 * Who is asking: the client address comes only from the one header the admin names as
 * trusted (TRUSTED_PROXY_HEADER); any other forwarding header can be forged by the client.
 */
export async function getRequestContext(): Promise<RequestContext> {
  const requestHeaders = await headers();
  const trustedHeader = getConfig().trustedProxyHeader;
  const forwarded = trustedHeader ? requestHeaders.get(trustedHeader) : null;
  // A proxy appends the address it saw: the last entry is the one the trusted proxy wrote.
  const ip = forwarded?.split(",").at(-1)?.trim() || null;
  return { ip, userAgent: requestHeaders.get("user-agent") };
}
