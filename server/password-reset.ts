import "server-only";
import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/env";
import { isSecondFactorProof, passwordResetTokenTtlSeconds, secondFactorProof } from "@/lib/password-reset/reset-token";
import { isHttpsRequest } from "./https-request";

/**
 * Where reset links point: AUTH_URL when set — the only origin a stranger cannot choose, so set
 * it in any deployment others reach; else the origin this request came to (local use), as
 * Auth.js does with trustHost (ADR 0018).
 */
export async function passwordResetLinkOrigin(): Promise<string> {
  const configuredUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configuredUrl) return new URL(configuredUrl).origin;
  const requestHeaders = await headers();
  return `${(await isHttpsRequest()) ? "https" : "http"}://${requestHeaders.get("host") ?? "localhost"}`;
}

async function proofCookieName(): Promise<string> {
  return (await isHttpsRequest()) ? "__Host-nidan-password-reset" : "nidan-password-reset";
}

/** After a current code for this link: this browser may set the password (lib/password-reset/reset-token.ts). */
export async function setSecondFactorProofCookie(tokenHash: string): Promise<void> {
  const name = await proofCookieName();
  (await cookies()).set(name, secondFactorProof({ tokenHash, secret: getConfig().authSecret }), {
    httpOnly: true,
    sameSite: "lax",
    secure: name.startsWith("__Host-"),
    path: "/",
    maxAge: passwordResetTokenTtlSeconds,
  });
}

export async function hasSecondFactorProof(tokenHash: string): Promise<boolean> {
  const proof = (await cookies()).get(await proofCookieName())?.value;
  return isSecondFactorProof({ proof, tokenHash, secret: getConfig().authSecret });
}

export async function clearSecondFactorProofCookie(): Promise<void> {
  (await cookies()).delete(await proofCookieName());
}
