import "server-only";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { FormState } from "@/components/forms/form-state";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import type { PendingLogin } from "@/lib/auth/pending-login";
import type { SignInMethod } from "@/lib/auth/start-session";
import { HashQueueBusyError } from "@/lib/crypto/argon2";
import { ensureDatabaseReady } from "@/lib/db";
import { emailMaxLength } from "@/lib/input/normalize-email";
import type { RequestContext } from "@/lib/security/record-event";
import { completeSignIn } from "./sign-in-cookies";
import { withMailAfterResponse } from "./deliver-mail-after-response";
import { notFoundMessage, readCatalogueMessage, readFormField } from "./form-fields";
import { readPendingLoginCookie } from "./sign-in-cookies";
import { confirmRecentAuthentication } from "./recent-authentication";
import { getRequestContext } from "./request-context";
import { serverBusyMessage } from "./server-busy";
import { requireActiveSession, requireActiveSessionAllowingSetup, requireAdmin } from "./session";

/**
 * Who may call an action: anyone; a browser between the password and the code step (the
 * pending-login cookie); a signed-in user; one the two-factor policy is forcing to set up
 * (ADR 0007); an admin. Checked inside the action, never only by the proxy (SPEC 4).
 */
export type Access = "anonymous" | "pending" | "session" | "setup" | "admin";

type Caller<A extends Access> = A extends "anonymous" ? object : A extends "pending" ? { pending: PendingLogin } : { session: ActiveSession };

/** Where a success goes: a page (a plain form post lands there too), or the end of a sign-in. */
export type ActionSuccess = { ok: true; redirectTo: string; refreshLayout?: boolean } | { ok: true; signIn: { userId: string; method: SignInMethod } };
export type ActionFailure<R extends string = string> = { ok: false; reason: R; retryAfterSeconds?: number };

/** A catalogue key (messages/*.json, from the root), with the field it is about and its values. */
type MessageSpec = string | { key: string; field?: string; values?: Record<string, string | number> };

type Declaration<A extends Access, S extends z.ZodObject, R extends string> = {
  access: A;
  /** A sign-in older than the window must bring the password (ADR 0013), with a code too for "with second factor". */
  recentAuthentication?: boolean | "with-second-factor";
  /** Checked before the form is read, e.g. sign-up switched off. */
  available?: () => ActionFailure<R> | null;
  schema?: S;
  /** Shown again after a refusal, so nobody types it twice (never a password or a code). */
  echoEmail?: boolean;
  /** The field a full hash queue's "busy" is shown at (ADR 0010). */
  busyField?: string;
  run: (call: Caller<A> & { input: z.output<S>; context: RequestContext }) => Promise<ActionSuccess | ActionFailure<R>>;
  /** A message per reason; "forbidden" is "Page not found", "rate_limited" the common "Too many attempts". */
  messages?: Partial<Record<R, MessageSpec>>;
};

async function caller(access: Access): Promise<{ session?: ActiveSession; pending?: PendingLogin } | null> {
  if (access === "anonymous") return {};
  if (access === "pending") {
    const pending = await readPendingLoginCookie();
    return pending ? { pending } : null;
  }
  if (access === "setup") return { session: await requireActiveSessionAllowingSetup() };
  return { session: access === "admin" ? await requireAdmin() : await requireActiveSession() };
}

async function refusal(spec: MessageSpec, failure?: ActionFailure): Promise<Exclude<FormState, null>> {
  const { key, field, values } = typeof spec === "string" ? { key: spec, field: undefined, values: undefined } : spec;
  // The catalogue is loaded only for a refusal: a sign-in that succeeds needs no message (ADR 0003).
  const t = await getTranslations();
  const minutes: Record<string, number> = failure?.retryAfterSeconds === undefined ? {} : { minutes: Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) };
  return { ok: false, error: t(key, { ...minutes, ...values }), ...(field ? { field } : {}) };
}

function messageFor<R extends string>(declaration: { messages?: Partial<Record<R, MessageSpec>> }, failure: ActionFailure<R>): MessageSpec {
  const spec = declaration.messages?.[failure.reason] ?? (failure.reason === "rate_limited" ? "common.tooManyAttempts" : undefined);
  if (!spec) throw new Error(`No message for the reason "${failure.reason}"`);
  return spec;
}

function readInput(schema: z.ZodObject, formData: unknown) {
  return schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((name) => [name, readFormField(formData, name)])));
}

async function answer<A extends Access, S extends z.ZodObject, R extends string>(declaration: Declaration<A, S, R>, formData: unknown): Promise<FormState> {
  const who = await caller(declaration.access);
  if (!who) return refusal("twoFactorStep.expired");
  const unavailable = declaration.available?.();
  if (unavailable) return refusal(messageFor(declaration, unavailable), unavailable);

  const rawEmail = readFormField(formData, "email");
  let echo: { values?: { email: string } } = declaration.echoEmail ? { values: { email: typeof rawEmail === "string" ? rawEmail.slice(0, emailMaxLength) : "" } } : {};
  const parsed = declaration.schema ? readInput(declaration.schema, formData) : { success: true as const, data: {} };
  if (!parsed.success) {
    const issues = parsed.error.issues;
    if (issues.some((issue) => issue.message === notFoundMessage)) notFound();
    const { key, values, link } = readCatalogueMessage(issues[0].message);
    const field = issues[0].path[0];
    if (declaration.echoEmail && field !== "email") echo = { values: { email: String(declaration.schema?.shape.email.parse(rawEmail)) } };
    const refused = await refusal({ key, values, field: typeof field === "string" ? field : undefined });
    const withLink = link && !refused.ok ? { link: { href: link.href, label: (await getTranslations())(link.labelKey) } } : {};
    return { ...refused, ...withLink, ...echo } as FormState;
  }
  if (declaration.echoEmail) echo = { values: { email: String((parsed.data as { email: string }).email) } };

  try {
    if (who.session && declaration.recentAuthentication) {
      const askSecondFactor = declaration.recentAuthentication === "with-second-factor";
      const recent = await confirmRecentAuthentication({ session: who.session, formData, askSecondFactor });
      if (!recent.ok) return { ok: false, error: recent.error, field: "password" };
    }
    await ensureDatabaseReady();
    const context = await getRequestContext();
    // Mail the run puts in the outbox is delivered after the response (ADR 0014).
    const result = await withMailAfterResponse(() => declaration.run({ ...(who as Caller<A>), input: parsed.data as z.output<S>, context }));
    if (result.ok && "signIn" in result) return completeSignIn({ ...result.signIn, context });
    if (result.ok) {
      // A kept layout (the main menu, the two-factor policy banner) may read what just changed.
      if (result.refreshLayout) revalidatePath("/", "layout");
      redirect(result.redirectTo);
    }
    if (result.reason === "forbidden") notFound();
    return { ...(await refusal(messageFor(declaration, result), result)), ...echo };
  } catch (error) {
    // A full hash queue refuses at once (ADR 0010): "busy, try again in N seconds", not an error.
    if (!(error instanceof HashQueueBusyError)) throw error;
    const busy = { ok: false as const, error: await serverBusyMessage(error.retryAfterSeconds) };
    return { ...busy, ...(declaration.busyField ? { field: declaration.busyField } : {}), ...echo };
  }
}

/**
 * The one way into a server action: who may call it, whether it needs a recent sign-in, the
 * schema of its form and what it runs (after saas-starter's `validatedAction`). Parsing,
 * access, re-authentication, the request context, messages, redirects and "Page not found"
 * are done here once; `run` only calls lib/ and says how it went.
 */
export function defineAction<A extends Access, S extends z.ZodObject, R extends string = never>(declaration: Declaration<A, S, R>) {
  return async (_state: FormState, formData: FormData): Promise<FormState> => answer(declaration, formData);
}

/** The same for a form with no answer to show (a button that only redirects: log out, language). */
export function defineFormAction<A extends Access, S extends z.ZodObject, R extends string = never>(declaration: Declaration<A, S, R>) {
  return async (formData: FormData): Promise<void> => {
    await answer(declaration, formData);
  };
}
