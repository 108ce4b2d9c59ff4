"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "./form-state";

/** The form's outcome, announced to screen readers and given focus so it is not missed. */
export function FormAlert({ state }: { state: FormState }) {
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state && !state.ok) alertRef.current?.focus();
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
    </p>
  );
}
