"use client";

import "./globals.css";

/** When even the root layout fails (configuration or database unreachable at render). */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="ja">
      <body className="bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
        <main className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
          <h1 className="text-2xl font-bold">
            <span lang="ja">問題が発生しました</span> / <span lang="en">Something went wrong</span>
          </h1>
          <p>リクエストを完了できませんでした。変更は行われていません。しばらくしてからもう一度お試しください。</p>
          <p lang="en">Nidan could not finish this request. Nothing was changed. Please try again in a moment.</p>
          {error.digest && <p className="text-sm">ID: {error.digest}</p>}
          {/* A full page load on purpose: the root layout itself failed, so client navigation cannot help. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/" className="text-blue-700 underline dark:text-blue-400">
            トップページへ戻る / Back to the start page
          </a>
        </main>
      </body>
    </html>
  );
}
