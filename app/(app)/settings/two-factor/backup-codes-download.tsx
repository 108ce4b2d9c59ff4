"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ReauthenticationFields, type ReauthenticationLabels } from "@/components/forms/reauthentication-fields";

type Labels = { download: string; codesHeading: string; codesShownOnce: string; codesNumbered: string; copy: string; copied: string; print: string; failed: string };

const downloadPath = "/settings/two-factor/backup-codes";

function saveFile({ text, fileName }: { text: string; fileName: string }) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Without JavaScript the form posts and the browser downloads the file. With it, the same
 * response is also shown on screen once, with Copy and Print.
 */
type BackupCodesDownloadProps = {
  labels: Labels;
  fileName: string;
  reauthentication?: ReauthenticationLabels;
  /** The id of the screen's one sentence on why the password is asked for. */
  describedBy?: string;
};

export function BackupCodesDownload({ labels, fileName, reauthentication, describedBy }: BackupCodesDownloadProps) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function download(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setCopied(false);
    const form = event.currentTarget;
    const response = await fetch(downloadPath, { method: "POST", body: new FormData(form), headers: { accept: "application/json" } }).catch(
      () => null,
    );
    if (!response?.ok || !response.headers.get("content-disposition")) {
      const body = (await response?.json().catch(() => null)) as { error?: string } | null;
      setFailure(body?.error ?? labels.failed);
      return;
    }
    form.reset();
    const text = await response.text();
    saveFile({ text, fileName });
    setCodes(text.split("\n").filter((line) => /^\d{8}$/.test(line)));
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <form method="post" action={downloadPath} onSubmit={download} className="flex flex-col gap-3">
        {reauthentication && <ReauthenticationFields labels={reauthentication} idPrefix="download" describedBy={describedBy} />}
        <button className="self-start rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          {labels.download}
        </button>
      </form>
      <div aria-live="polite">
        {failure && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {failure}
          </p>
        )}
        {codes && (
          <section aria-labelledby="new-codes-heading" className="print-area flex flex-col gap-3 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700">
            <h3 id="new-codes-heading" className="font-semibold">{labels.codesHeading}</h3>
            <p className="text-sm">{labels.codesShownOnce}</p>
            <p className="text-sm">{labels.codesNumbered}</p>
            {/* Numbered 1–10 in the file's order: settings later name the numbers used. */}
            <ol className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-lg" data-testid="backup-codes">
              {codes.map((code, index) => (
                <li key={code} className="whitespace-nowrap">
                  <span className="inline-block w-8 text-right text-zinc-600 dark:text-zinc-400">{`${index + 1}.`}</span> {`${code.slice(0, 4)} ${code.slice(4)}`}
                </li>
              ))}
            </ol>
            <div className="flex gap-2 print:hidden">
              <button
                type="button"
                className="rounded-md border border-zinc-400 px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                onClick={async () => {
                  await navigator.clipboard.writeText(codes.join("\n"));
                  setCopied(true);
                }}
              >
                {copied ? labels.copied : labels.copy}
              </button>
              <button
                type="button"
                className="rounded-md border border-zinc-400 px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                onClick={() => window.print()}
              >
                {labels.print}
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
