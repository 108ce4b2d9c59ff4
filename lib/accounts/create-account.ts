import { hashPassword } from "../auth/password-hash";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { normalizeEmail } from "../input/normalize-email";
import { recordSecurityEvent, type RequestContext } from "../security/record-event";

export type CreateAccountResult = { ok: true; userId: string } | { ok: false; reason: "email_taken" };

/**
 * Creates a user; email and password arrive already checked (lib/input). The address is stored
 * normalised whoever calls, so the unique index refuses every look-alike of an existing one.
 */
export async function createAccount(options: {
  email: string;
  password: string;
  role?: "USER" | "ADMIN";
  context: RequestContext;
}): Promise<CreateAccountResult> {
  const email = normalizeEmail(options.email);
  if (!email.ok) throw new TypeError(`createAccount: the address was not checked with normalizeEmail (${email.reason})`);
  const passwordHash = await hashPassword(options.password);
  try {
    const user = await db.user.create({
      data: { email: email.email, passwordHash, role: options.role ?? "USER" },
      select: { id: true },
    });
    await recordSecurityEvent({ userId: user.id, type: "account_created", context: options.context });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "email_taken" };
    }
    throw error;
  }
}
