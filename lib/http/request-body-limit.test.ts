import { describe, expect, it } from "vitest";
import { requestBodyExceeds } from "./request-body-limit";

const limitBytes = 1024;

/** A body sent in chunks with no Content-Length, as `Transfer-Encoding: chunked` arrives. */
function chunkedRequest(chunkSizes: number[]): { request: Request; chunksRead: () => number } {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === chunkSizes.length) return controller.close();
      controller.enqueue(new Uint8Array(chunkSizes[index]));
      index += 1;
    },
  });
  const request = new Request("http://nidan.test/login", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, chunksRead: () => index };
}

describe("requestBodyExceeds", () => {
  it("judges a body by its declared Content-Length", async () => {
    const small = new Request("http://nidan.test/login", { method: "POST", body: "x".repeat(limitBytes) });
    const large = new Request("http://nidan.test/login", { method: "POST", body: "x".repeat(limitBytes + 1) });
    expect(await requestBodyExceeds({ request: small, limitBytes })).toBe(false);
    expect(await requestBodyExceeds({ request: large, limitBytes })).toBe(true);
  });

  it("counts a chunked body without Content-Length, and stops reading once past the limit", async () => {
    const small = chunkedRequest([500, 524]);
    expect(await requestBodyExceeds({ request: small.request, limitBytes })).toBe(false);
    const large = chunkedRequest([600, 600, 600, 600, 600]);
    expect(await requestBodyExceeds({ request: large.request, limitBytes })).toBe(true);
    expect(large.chunksRead()).toBeLessThan(5);
  });

  it("lets a request without a body through", async () => {
    expect(await requestBodyExceeds({ request: new Request("http://nidan.test/login"), limitBytes })).toBe(false);
  });
});
