"use client";

import { useEffect } from "react";

/**
 * The page shown when something unexpected fails (the database is down, say). No stack
 * trace, in both languages since the catalogue may be what failed; the server logged it once.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = "エラー / Error";
  }, []);
  return (
    <main id="content" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-bold">
        <span lang="ja">問題が発生しました</span> / <span lang="en">Something went wrong</span>
      </h1>
      <p lang="ja">リクエストを完了できませんでした。変更は行われていません。しばらくしてからもう一度お試しください。</p>
      <p lang="en">Nidan could not finish this request. Nothing was changed. Please try again in a moment.</p>
      {error.digest && <p className="text-sm text-zinc-600 dark:text-zinc-400">ID: {error.digest}</p>}
      <div>
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          もう一度試す / Try again
        </button>
      </div>
    </main>
  );
}
