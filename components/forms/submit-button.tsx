"use client";

import { useFormStatus } from "react-dom";
import { useSubmission } from "./action-form";

const toneClasses = {
  primary: "bg-blue-700 text-white hover:bg-blue-800",
  // Removes something: outlined in red, as wide as its words (like "Disable").
  danger: "self-start border border-red-700 text-red-800 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950",
};

export function SubmitButton({ label, workingLabel, tone = "primary" }: { label: string; workingLabel: string; tone?: keyof typeof toneClasses }) {
  // An ActionForm submits in a transition of its own, which useFormStatus does not see.
  const submission = useSubmission();
  const { pending: formPending } = useFormStatus();
  const pending = formPending || Boolean(submission?.pending);
  return (
    <button
      type="submit"
      aria-disabled={pending}
      className={`rounded-md px-4 py-2 font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-disabled:opacity-70 ${toneClasses[tone]}`}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? <span aria-hidden="true">{workingLabel}</span> : null}
      <span className={pending ? "sr-only" : undefined}>{label}</span>
    </button>
  );
}
