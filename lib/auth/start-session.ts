import { db } from "../db";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

export type SignInMethod = "password" | "totp" | "backup_code";

/** Creates the server-side record of a signed-in browser; the session JWT names it. */
export async function startSession(options: {
  userId: string;
  method: SignInMethod;
  context: RequestContext;
}): Promise<{ sessionId: string }> {
  const now = new Date();
  const [session] = await db.$transaction([
    db.session.create({
      data: {
        userId: options.userId,
        method: options.method,
        createdAt: now,
        lastSeenAt: now,
        authenticatedAt: now,
        ip: options.context.ip?.slice(0, 64) ?? null,
        userAgent: options.context.userAgent?.slice(0, 256) ?? null,
      },
      select: { id: true },
    }),
    db.user.update({ where: { id: options.userId }, data: { lastSignInAt: now } }),
  ]);
  await recordSecurityEvent({ userId: options.userId, type: "sign_in", context: options.context });
  return { sessionId: session.id };
}
