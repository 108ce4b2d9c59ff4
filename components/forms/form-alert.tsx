"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useSubmission } from "./action-form";
import type { FormState } from "./form-state";

/**
 * The form's outcome, announced to screen readers and given focus so it is not missed;
 * `focus={false}` where the form moves focus itself (to the field to correct).
 */
export function FormAlert({ state, focus = true }: { state: FormState; focus?: boolean }) {
  const alertRef = useRef<HTMLParagraphElement>(null);
  const submission = useSubmission();
  useEffect(() => {
    // Someone already typing their next try keeps the caret; the alert is still announced (aria-live).
    if (focus && state && !state.ok && !submission?.editedSinceSubmission.current) alertRef.current?.focus();
    // Focus follows a new answer only, never a re-render for another reason.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  if (!state) return <p role="alert" aria-live="assertive" className="sr-only" />;
  return (
    <p
      ref={alertRef}
      id="form-error"
      role="alert"
      aria-live="assertive"
      tabIndex={-1}
      className={
        state.ok
          ? "rounded-md border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
          : "rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
      }
    >
      {state.ok ? state.message : state.error}
      {!state.ok && state.link && (
        <>
          {" "}
          <Link href={state.link.href} className="font-semibold underline">
            {state.link.label}
          </Link>
        </>
      )}
    </p>
  );
}
