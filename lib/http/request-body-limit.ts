/**
 * The largest request body the app accepts: Next.js's own limit for a server action body
 * (`serverActions.bodySizeLimit`, "1mb" by default). Every form of the app posts a few hundred
 * bytes. Above it Next.js threw mid-parse and answered 500; the proxy
 * answers 413 with a page instead, before Next.js parses anything.
 */
export const maxRequestBodyBytes = 1024 * 1024;

/**
 * Whether a request's body is larger than `limitBytes`: by its Content-Length when it declares
 * one, else (a chunked body) by reading it up to the limit and no further. The proxy reads its
 * own copy of the body, so the request that goes on is untouched.
 */
export async function requestBodyExceeds(options: { request: Request; limitBytes: number }): Promise<boolean> {
  const declared = options.request.headers.get("content-length");
  if (declared !== null) return Number(declared) > options.limitBytes;
  if (!options.request.body) return false;
  const reader = options.request.body.getReader();
  let receivedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    receivedBytes += value.byteLength;
    if (receivedBytes > options.limitBytes) {
      await reader.cancel();
      return true;
    }
  }
}

/** The 413 page, in both languages like the error page (the catalogue is not loaded here). */
export const requestTooLargePage = `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>送信内容が大きすぎます / Request too large</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1><span lang="ja">送信内容が大きすぎます</span> / <span lang="en">Request too large</span></h1>
<p lang="ja">送信された内容が大きすぎるため、処理できませんでした。変更は行われていません。前のページに戻って、もう一度お試しください。</p>
<p lang="en">What was sent is too large to be processed. Nothing was changed. Go back to the previous page and try again.</p>
<p><a href="/">トップページへ戻る / Back to the start page</a></p>
</main>
</body>
</html>
`;
