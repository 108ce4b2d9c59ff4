// What Nidan's sessions carry (ADR 0002): only the id of a Session row, in the JWT and in
// what auth() returns — never the user, whose data is read from the database per request.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionId?: string;
  }
}
