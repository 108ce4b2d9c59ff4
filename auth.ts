import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { endSession } from "@/lib/auth/end-session";
import { redeemLoginGrant } from "@/lib/auth/start-session";
import { sessionAbsoluteLifetimeSeconds } from "@/lib/auth/session-lifetime";
import { getConfig } from "@/lib/env";
import { getRequestContext } from "@/server/request-context";

/**
 * next-auth only turns a finished sign-in into a session cookie. Every step of the sign-in
 * (password, authenticator code, backup code, rate limits) runs in lib/ from a server
 * action, which then hands a single-use in-process grant to this provider (ADR 0002).
 * The JWT holds only the id of a Session row, so every session can be ended server-side.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: sessionAbsoluteLifetimeSeconds },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      id: "grant",
      credentials: { grant: {} },
      authorize: async (credentials) => {
        const grant = redeemLoginGrant(credentials.grant);
        return grant ? { id: grant.sessionId } : null;
      },
    }),
  ],
  callbacks: {
    // The token is written at sign-in only: `trigger === "update"` (POST /api/auth/session)
    // can never change what a session is (cal.com CVE-2026-23478).
    jwt: ({ token, user }) => (user?.id ? { sessionId: user.id } : token),
    session: ({ session, token }) => ({ expires: session.expires, sessionId: token.sessionId }),
  },
  events: {
    // next-auth's own POST /api/auth/signout only clears the cookie: end the Session row the
    // JWT names too, so a copy of the cookie stops working (issue 13). After the app's "Log out"
    // action the row is already ended and this changes nothing.
    signOut: async (message) => {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (typeof sessionId === "string") await endSession({ sessionId, context: await getRequestContext() });
    },
  },
  logger: {
    error(error) {
      // A refused grant is an expected outcome, not a crash.
      if (error.name === "CredentialsSignin") return;
      console.error("[auth]", error.name, error.message);
    },
    warn() {},
  },
}));
