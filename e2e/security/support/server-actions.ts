import type { APIRequestContext, APIResponse, Page, Route } from "@playwright/test";

/**
 * A server action request as the browser sent it: Next.js posts `multipart/form-data` to the
 * page's URL with a `Next-Action` header naming the action. React encodes the arguments: part
 * "0" holds them as JSON (`[null,"$K1"]`: the previous state, then a FormData whose fields are
 * the parts named `_1_<field>`). Replaying it with other cookies, headers or fields is what an
 * attacker with curl does.
 */
export type CapturedAction = {
  url: string;
  headers: Record<string, string>;
  parts: { name: string; value: string }[];
};

// Sent by the transport, or set per browser context (the client address): a replay gets its own.
const transportHeaders = new Set(["cookie", "content-length", "content-type", "host", "connection", "accept-encoding", "x-forwarded-for"]);

/**
 * Runs `trigger` (a click that submits a form) and returns the first server action request it
 * sends. With `abort`, the request never reaches the server: only its shape is kept.
 */
export async function captureServerAction(page: Page, trigger: () => Promise<unknown>, options: { abort: boolean }): Promise<CapturedAction> {
  let resolveCaptured!: (captured: CapturedAction) => void;
  const captured = new Promise<CapturedAction>((resolve) => {
    resolveCaptured = resolve;
  });
  let done = false;
  const handler = async (route: Route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (done || request.method() !== "POST" || !headers["next-action"]) return route.fallback();
    done = true;
    resolveCaptured({
      url: request.url(),
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !transportHeaders.has(name) && !name.startsWith(":"))),
      parts: parseActionBody(request.postDataBuffer() ?? Buffer.alloc(0), headers["content-type"] ?? ""),
    });
    return options.abort ? route.abort() : route.fallback();
  };
  await page.route("**/*", handler);
  try {
    await trigger();
    return await captured;
  } finally {
    await page.unroute("**/*", handler);
  }
}

/**
 * A form with fields is posted as multipart; one without (the Disable confirmation) as the
 * encoded arguments alone, in text/plain: kept here as the single part "0".
 */
function parseActionBody(body: Buffer, contentType: string): { name: string; value: string }[] {
  if (/^text\/plain/i.test(contentType)) return [{ name: "0", value: body.toString("utf8") }];
  return parseMultipart(body, contentType);
}

/** Text parts only: the app's forms post no files. */
export function parseMultipart(body: Buffer, contentType: string): { name: string; value: string }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error(`Not a multipart body: ${contentType}`);
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  return body
    .toString("utf8")
    .split(delimiter)
    .slice(1, -1)
    .map((section) => {
      const content = section.replace(/^\r\n/, "").replace(/\r\n$/, "");
      const headerEnd = content.indexOf("\r\n\r\n");
      const name = /name="([^"]*)"/.exec(content.slice(0, headerEnd))?.[1] ?? "";
      return { name, value: content.slice(headerEnd + 4) };
    });
}

/** The prefix React gave the FormData argument's fields ("_1_" for `[null,"$K1"]`). */
function fieldPrefix(captured: CapturedAction): string {
  const argumentsPart = captured.parts.find((part) => part.name === "0")?.value ?? "";
  const reference = /"\$K(\d+)"/.exec(argumentsPart)?.[1] ?? "1";
  return `_${reference}_`;
}

export type ReplayOptions = {
  /** Form fields by their name in the form ("code", "email"); an array repeats the field. */
  fields?: Record<string, string | string[]>;
  /** Replaces the encoded arguments (part "0"), e.g. to pass an object instead of a FormData. */
  encodedArguments?: string;
  /** Extra or replacing headers (Origin, X-Forwarded-For …). */
  headers?: Record<string, string>;
};

export type ActionReply = {
  response: APIResponse;
  status: number;
  body: string;
  /** The state the action returned to its form (`{ ok: false, error }`), if it returned one. */
  state: { ok: boolean; error?: string; field?: string } | null;
  /** Where the action redirected the browser (`x-action-redirect`), if it did. */
  redirect: string | null;
};

/** Posts the captured action again through `request` (its cookies), with the changes asked for. */
export async function replayServerAction(request: APIRequestContext, captured: CapturedAction, options: ReplayOptions = {}): Promise<ActionReply> {
  const prefix = fieldPrefix(captured);
  const replaced = new Map(Object.entries(options.fields ?? {}).map(([field, value]) => [`${prefix}${field}`, [value].flat()]));
  if (!captured.parts.some((part) => part.name === "0")) throw new Error("The captured action has no encoded arguments");
  // Order matters: Next.js decodes the arguments while the body streams in, and the FormData
  // argument gets the fields that came before part "0". So fields keep their place, new ones
  // go before "0", and "0" stays last.
  const form = new FormData();
  for (const [name, values] of replaced) {
    if (!captured.parts.some((part) => part.name === name)) for (const value of values) form.append(name, value);
  }
  for (const part of captured.parts) {
    if (part.name === "0") form.append("0", options.encodedArguments ?? part.value);
    else for (const value of replaced.get(part.name) ?? [part.value]) form.append(part.name, value);
  }

  // Arguments alone go back as text/plain, the way React sent them.
  const argumentsOnly = [...form.keys()].every((name) => name === "0");
  const response = await request.post(captured.url, {
    headers: { ...captured.headers, ...(argumentsOnly ? { "content-type": "text/plain;charset=UTF-8" } : {}), ...options.headers },
    ...(argumentsOnly ? { data: String(form.get("0")) } : { multipart: form }),
    maxRedirects: 0,
    failOnStatusCode: false,
    timeout: 60_000,
  });
  const body = await response.text();
  return { response, status: response.status(), body, state: actionState(body), redirect: response.headers()["x-action-redirect"] ?? null };
}

/** The form state in a server action's RSC reply: the row that reads `{"ok":…}`. */
export function actionState(body: string): ActionReply["state"] {
  for (const line of body.split("\n")) {
    const match = /^[0-9a-f]+:(\{"ok":.*\})$/.exec(line);
    if (match) {
      try {
        return JSON.parse(match[1]) as ActionReply["state"];
      } catch {
        return null;
      }
    }
  }
  return null;
}
