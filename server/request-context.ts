import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/env";
import { clientAddressFromForwardedHeader } from "@/lib/security/client-address";
import type { RequestContext } from "@/lib/security/record-event";

/**
 * Who is asking: the client address comes only from the one header the admin names as
 * trusted (TRUSTED_PROXY_HEADER), TRUSTED_PROXY_COUNT entries from its right; any other
 * forwarding header, and any entry further left, can be forged by the client.
 */
export async function getRequestContext(): Promise<RequestContext> {
  const requestHeaders = await headers();
  const { trustedProxyHeader, trustedProxyCount } = getConfig();
  const ip = trustedProxyHeader
    ? clientAddressFromForwardedHeader({ headerValue: requestHeaders.get(trustedProxyHeader), proxyCount: trustedProxyCount })
    : null;
  return { ip, userAgent: requestHeaders.get("user-agent") };
}
