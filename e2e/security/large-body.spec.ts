import http from "node:http";
import { l, newBrowserContext } from "./support/accounts";
import { type CapturedAction, captureServerAction } from "./support/server-actions";
import { expect, test } from "./support/server-fixture";

// Issue 13 point 5: a 5 MB server-action body made Next.js throw while parsing it, and the
// server answered 500. It must answer 413 with a page a person can read, with a declared
// Content-Length and with a chunked body that declares none.

const fiveMegabytes = 5 * 1024 * 1024;
const tooLargeHeading = /Request too large/;

/** The login action's request, posted with a 5 MB password field, by node:http (chunked or not). */
function postLargeAction(options: { baseURL: string; action: CapturedAction; chunked: boolean; extraHeaders?: Record<string, string> }) {
  const boundary = "----nidan-large-body";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_1_password"\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n--${boundary}--\r\n`);
  const filler = Buffer.alloc(fiveMegabytes, "a");
  const url = new URL(options.action.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        headers: {
          ...options.action.headers,
          ...options.extraHeaders,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          ...(options.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(head.length + filler.length + tail.length) }),
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    request.write(head);
    for (let offset = 0; offset < filler.length; offset += 64 * 1024) request.write(filler.subarray(offset, offset + 64 * 1024));
    request.end(tail);
  });
}

test("a 5 MB server-action body gets 413 and a readable page, not 500", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  const context = await newBrowserContext(browser, origin);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: l.emailAddress }).fill("someone@example.test");
  await page.getByRole("textbox", { name: l.password }).fill("a password");
  const logIn = await captureServerAction(page, () => page.getByRole("button", { name: l.logIn }).click(), { abort: true });

  for (const [description, chunked, extraHeaders] of [
    ["with Content-Length", false, {}],
    ["chunked, without Content-Length", true, {}],
    ["marked as a prefetch", false, { purpose: "prefetch", "next-router-prefetch": "1" }],
  ] as const) {
    await test.step(description, async () => {
      const reply = await postLargeAction({ baseURL: origin, action: logIn, chunked, extraHeaders });
      expect(reply.status).toBe(413);
      expect(reply.body).toMatch(tooLargeHeading);
      expect(reply.body).toContain("送信内容が大きすぎます");
    });
  }

  await test.step("an ordinary sign-in still works (the proxy left the body alone)", async () => {
    await page.goto("/login");
    await page.getByRole("textbox", { name: l.emailAddress }).fill("nobody@example.test");
    await page.getByRole("textbox", { name: l.password }).fill("a wrong password");
    await page.getByRole("button", { name: l.logIn }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(l.invalidCredentials);
  });

  await context.close();
});
