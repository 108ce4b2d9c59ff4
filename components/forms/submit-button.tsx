"use client";

import { useFormStatus } from "react-dom";
import { useSubmission } from "./action-form";

export function SubmitButton({ label, workingLabel }: { label: string; workingLabel: string }) {
  // An ActionForm submits in a transition of its own, which useFormStatus does not see.
  const submission = useSubmission();
  const { pending: formPending } = useFormStatus();
  const pending = formPending || Boolean(submission?.pending);
  return (
    <button
      type="submit"
      aria-disabled={pending}
      className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-disabled:opacity-70"
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? <span aria-hidden="true">{workingLabel}</span> : null}
      <span className={pending ? "sr-only" : undefined}>{label}</span>
    </button>
  );
}
