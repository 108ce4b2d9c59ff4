import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { getConfig } from "@/lib/env";
import { type RelyingParty, relyingPartyOf } from "@/lib/passkeys/relying-party";
import { webAuthnChallengeTtlSeconds } from "@/lib/passkeys/webauthn-challenge";
import { appOrigin } from "./app-origin";
import { catalogueMessage } from "./form-fields";
import { hostPrefix } from "./sign-in-cookies";

/**
 * The browser's side of a passkey ceremony: the cookie naming its challenge (set by
 * /passkeys/options, spent by the action that finishes), and the relying party of this request.
 */

async function challengeCookieName(): Promise<string> {
  return `${await hostPrefix()}nidan-webauthn`;
}

export async function setChallengeCookie(token: string) {
  const name = await challengeCookieName();
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: name.startsWith("__Host-"),
    path: "/",
    maxAge: webAuthnChallengeTtlSeconds,
  });
}

export async function readChallengeCookie(): Promise<string | undefined> {
  return (await cookies()).get(await challengeCookieName())?.value;
}

export async function relyingParty(): Promise<RelyingParty> {
  return relyingPartyOf({ origin: await appOrigin(), appName: getConfig().appName });
}

/** Longest WebAuthn response a form may carry (characters): far above any real one. */
const maxResponseLength = 64 * 1024;

/** The browser's response, as @simplewebauthn/browser made it (JSON); checked by lib/passkeys. */
export const webAuthnResponseField = z
  .unknown()
  .refine((value) => typeof value === "string" && value.length > 0 && value.length <= maxResponseLength, catalogueMessage("passkeys.invalid"))
  .transform((value) => value as string);
