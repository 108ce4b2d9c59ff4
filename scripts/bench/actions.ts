// Server-action requests as a real browser makes them: recorded once with Chromium, then
// replayed over HTTP with other credentials and codes to time the server.
import { randomBytes } from "node:crypto";
import { Agent, type IncomingHttpHeaders, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import type { Browser } from "@playwright/test";
import { generate } from "otplib";
import type { BenchUser } from "./protocol";

export type RecordedAction = {
  /**
   * "fetch": JavaScript on, React posts the form with a Next-Action header and the response
   * carries the action's outcome (and, after a redirect, the next page's RSC payload, which
   * Next.js renders in the same response). "form": JavaScript off, a plain form post that the
   * server answers with a 303 to the next page.
   */
  mode: "fetch" | "form";
  /** The page whose form posts it (the action is posted to that URL). */
  path: string;
  headers: Record<string, string>;
  /** The multipart fields in order; `email`, `password` and `code` (with React's `_1_` prefix or not) are replaced on replay. */
  fields: [string, string][];
};

export type ActionSet = { password: RecordedAction; securityCode: RecordedAction; backupCode: RecordedAction };
export type RecordedActions = { fetch: ActionSet; form: ActionSet & { switchLanguage: RecordedAction } };

const replayedHeaders = ["next-action", "next-router-state-tree", "accept", "accept-language", "user-agent"];

function parseMultipart(body: string, contentType: string): [string, string][] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`not a multipart body: ${contentType}`);
  const fields: [string, string][] = [];
  for (const part of body.split(`--${boundary}`)) {
    const match = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(part);
    if (match) fields.push([match[1], match[2]]);
  }
  return fields;
}

/**
 * Submits /login, /login/two-factor and /login/backup-code in Chromium, once with JavaScript
 * and once without (each page loaded in full, as after a navigation from outside), and keeps
 * the POST each form makes. Without JavaScript it also submits the language switcher, a server
 * action that does no sign-in work: the framework's own cost of a form post.
 */
export async function recordActions(options: { browser: Browser; baseUrl: string; users: [BenchUser, BenchUser]; wrongBackupCode: string }): Promise<RecordedActions> {
  const fetchActions = await recordSet({ ...options, user: options.users[0], javaScriptEnabled: true });
  const formActions = await recordSet({ ...options, user: options.users[1], javaScriptEnabled: false });
  const { switchLanguage, ...form } = formActions;
  if (!switchLanguage) throw new Error("the language switcher was not posted");
  return { fetch: fetchActions, form: { ...form, switchLanguage } };
}

async function recordSet(options: {
  browser: Browser;
  baseUrl: string;
  user: BenchUser;
  wrongBackupCode: string;
  javaScriptEnabled: boolean;
}): Promise<ActionSet & { switchLanguage?: RecordedAction }> {
  const { browser, baseUrl, user, javaScriptEnabled } = options;
  const mode = javaScriptEnabled ? "fetch" : "form";
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "Accept-Language": "en" } });
  const page = await context.newPage();
  const recorded = new Map<string, RecordedAction>();
  page.on("request", (request) => {
    const headers = request.headers();
    if (request.method() !== "POST" || !headers["content-type"]?.startsWith("multipart/form-data")) return;
    if (javaScriptEnabled && !headers["next-action"]) return;
    const fields = parseMultipart(request.postData() ?? "", headers["content-type"]);
    const path = new URL(request.url()).pathname;
    const key = fields.some(([name]) => name === "locale") ? "switchLanguage" : path;
    recorded.set(key, {
      mode,
      path,
      headers: Object.fromEntries(replayedHeaders.flatMap((name) => (headers[name] ? [[name, headers[name]]] : []))),
      fields,
    });
  });
  const submitted = (path: string) =>
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === path);

  await page.goto(`${baseUrl}/login`);
  if (!javaScriptEnabled) {
    // The switcher posts to the page it is on, and comes back to it.
    await Promise.all([submitted("/login"), page.getByRole("button", { name: "English" }).click()]);
    await page.waitForURL(/\/login$/);
  }
  await page.getByRole("textbox", { name: "Email address" }).fill(user.email);
  await page.getByRole("textbox", { name: "Password" }).fill(user.password);
  await Promise.all([submitted("/login"), page.getByRole("button", { name: "Log in" }).click()]);
  await page.waitForURL(/\/login\/two-factor$/);

  // A wrong backup code: the pending sign-in stays, so the security-code page can follow.
  await page.goto(`${baseUrl}/login/backup-code`);
  await page.getByRole("textbox", { name: "Backup code" }).fill(options.wrongBackupCode);
  await Promise.all([submitted("/login/backup-code"), page.getByRole("button", { name: "Log in" }).click()]);

  await page.goto(`${baseUrl}/login/two-factor`);
  await page.getByRole("textbox", { name: "Security code" }).fill(await totpCode(user));
  await Promise.all([submitted("/login/two-factor"), page.getByRole("button", { name: "Log in" }).click()]);
  await page.waitForURL(/\/settings$/);
  await context.close();

  const get = (key: string) => {
    const action = recorded.get(key);
    if (!action) throw new Error(`no server action was posted from ${key} (${mode})`);
    return action;
  };
  return {
    password: get("/login"),
    securityCode: get("/login/two-factor"),
    backupCode: get("/login/backup-code"),
    switchLanguage: recorded.get("switchLanguage"),
  };
}

/** The code an authenticator shows now, or for the next step if this one was spent; marks it spent. */
export async function totpCode(user: BenchUser): Promise<string> {
  if (!user.secret) throw new Error(`${user.email} has no TOTP secret`);
  const step = Math.max(Math.floor(Date.now() / 30_000), (user.lastTimeStep ?? -1) + 1);
  user.lastTimeStep = step;
  return generate({ secret: user.secret, epoch: step * 30 });
}

export type ActionResult = {
  ms: number;
  status: number;
  /** Where the action sends the browser next (`x-action-redirect`, or a 303's Location), if anywhere. */
  redirect: string | null;
  cookies: Record<string, string>;
  body: string;
};

// The load generator shares the machine with the server, so it must cost little: plain
// node:http on keep-alive sockets and a multipart body written as one string cost about a
// third of the CPU of fetch() with FormData (measured in the load window; ADR 0003).
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

/** The fields as a multipart/form-data body, as a browser sends them. */
function multipartBody(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----NidanBench${randomBytes(12).toString("hex")}`;
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", agent: keepAlive, headers: { ...headers, "content-length": String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Posts a recorded action with new field values; the time includes reading the whole response. */
export async function replayAction(options: {
  baseUrl: string;
  action: RecordedAction;
  values: Record<string, string>;
  cookies?: Record<string, string>;
}): Promise<ActionResult> {
  const fields = options.action.fields.map(([name, value]): [string, string] => {
    const field = /^(?:_\d+_)?(email|password|code)$/.exec(name)?.[1];
    return [name, field && field in options.values ? options.values[field] : value];
  });
  const { body, contentType } = multipartBody(fields);
  const cookieHeader = Object.entries(options.cookies ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  const started = performance.now();
  const response = await post(
    `${options.baseUrl}${options.action.path}`,
    { ...options.action.headers, origin: options.baseUrl, "content-type": contentType, ...(cookieHeader ? { cookie: cookieHeader } : {}) },
    body,
  );
  const ms = performance.now() - started;
  const cookies: Record<string, string> = {};
  for (const line of response.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const separator = pair.indexOf("=");
    cookies[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === "string" ? value : null;
  };
  const redirect = options.action.mode === "fetch" ? header("x-action-redirect")?.split(";")[0] : response.status === 303 ? header("location") : null;
  return { ms, status: response.status, redirect: redirect ?? null, cookies, body: response.body };
}

export const pendingCookie = "nidan-pending-login";
export const sessionCookie = "authjs.session-token";

const expectedStatus = (action: RecordedAction) => (action.mode === "fetch" ? 200 : 303);

/** The password step; throws unless it leads to the code step with a pending-login cookie. */
export async function passwordStep(baseUrl: string, actions: ActionSet, user: BenchUser): Promise<{ ms: number; pending: string }> {
  const result = await replayAction({ baseUrl, action: actions.password, values: { email: user.email, password: user.password } });
  const pending = result.cookies[pendingCookie];
  if (result.status !== expectedStatus(actions.password) || !result.redirect?.endsWith("/login/two-factor") || !pending) {
    throw new Error(`password step for ${user.email}: status ${result.status}, redirect ${result.redirect}, body ${result.body.slice(0, 200)}`);
  }
  return { ms: result.ms, pending };
}

/** A code step (security or backup code); `ok` when it signs in (a session cookie, off to /settings). */
export async function codeStep(
  baseUrl: string,
  action: RecordedAction,
  pending: string,
  code: string,
): Promise<{ ms: number; ok: boolean; result: ActionResult }> {
  const result = await replayAction({ baseUrl, action, values: { code }, cookies: { [pendingCookie]: pending } });
  const ok = result.status === expectedStatus(action) && Boolean(result.redirect?.endsWith("/settings")) && Boolean(result.cookies[sessionCookie]);
  return { ms: result.ms, ok, result };
}
