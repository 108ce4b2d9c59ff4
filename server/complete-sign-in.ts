import "server-only";
import { signIn } from "@/auth";
import { issueLoginGrant } from "@/lib/auth/login-grants";
import { type SignInMethod, startSession } from "@/lib/auth/start-session";
import type { RequestContext } from "@/lib/security/record-event";
import { rememberThisDevice } from "./device-cookie";
import { requestLocale } from "./request-locale";

export const signedInHomePath = "/settings";

/** The last step of every sign-in: a Session row, then next-auth's cookie naming it. Redirects. */
export async function completeSignIn(options: { userId: string; method: SignInMethod; context: RequestContext }): Promise<never> {
  // The language of the page signed in from is the user's language from now on (their mails).
  const { sessionId } = await startSession({ ...options, locale: await requestLocale() });
  // This browser has now proved itself for the account: its own password budget from here on.
  await rememberThisDevice({ userId: options.userId });
  await signIn("grant", { grant: issueLoginGrant({ sessionId }), redirectTo: signedInHomePath });
  throw new Error("signIn() returned instead of redirecting");
}
