import "server-only";
import { headers } from "next/headers";

/**
 * Whether the browser reached the app over HTTPS, decided the way next-auth decides it for its
 * own cookies (AUTH_URL, else X-Forwarded-Proto, which Next.js fills in for direct requests),
 * so that the pending-login cookie and the session cookie are Secure and prefixed together.
 */
export async function isHttpsRequest(): Promise<boolean> {
  const configuredUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configuredUrl) return configuredUrl.startsWith("https://");
  return (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
