import "server-only";
import { headers } from "next/headers";
import { isHttpsRequest } from "./https-request";

/**
 * The origin links in mail point to: AUTH_URL's when set (a deployment names its public URL),
 * else the one this request reached. The Host header only matters to a caller who already holds
 * the session and the password, and the link goes to an address that caller chose.
 */
export async function appOrigin(): Promise<string> {
  const configuredUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configuredUrl) return new URL(configuredUrl).origin;
  const requestHeaders = await headers();
  const host = requestHeaders.get("host") ?? "localhost";
  return `${(await isHttpsRequest()) ? "https" : "http"}://${host}`;
}
