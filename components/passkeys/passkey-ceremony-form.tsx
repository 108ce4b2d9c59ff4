"use client";

import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { type ReactNode, useActionState, useRef, useState, useSyncExternalStore } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import type { FormState } from "@/components/forms/form-state";

const neverChanges = () => () => {};

type Purpose = "register" | "sign_in" | "second_factor";

type PasskeyCeremonyFormProps = {
  purpose: Purpose;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: { button: string; working: string; cancelled: string; failed: string };
  /** Fields sent with the response, e.g. the password when re-authentication is due. */
  children?: ReactNode;
  className?: string;
};

/**
 * One passkey ceremony: the button asks /passkeys/options for a challenge, opens the browser's
 * own dialog (@simplewebauthn/browser) and posts its response to `action`, which verifies it.
 * Absent where the browser has no WebAuthn and without JavaScript (it is drawn only once
 * mounted), so those pages work exactly as before.
 */
export function PasskeyCeremonyForm({ purpose, action, labels, children, className }: PasskeyCeremonyFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  // False on the server and before hydration: the button exists only where it can work.
  const supported = useSyncExternalStore(neverChanges, browserSupportsWebAuthn, () => false);
  const [working, setWorking] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const responseRef = useRef<HTMLInputElement>(null);

  if (!supported) return null;

  const run = async () => {
    setLocalError(null);
    setWorking(true);
    try {
      const answer = await fetch("/passkeys/options", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ purpose }),
      });
      if (!answer.ok) {
        setLocalError(labels.failed);
        return;
      }
      const optionsJSON = await answer.json();
      let response: unknown;
      try {
        response = purpose === "register" ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON });
      } catch {
        // Closed, timed out, or no passkey for this site: the browser does not say which.
        setLocalError(labels.cancelled);
        return;
      }
      const field = responseRef.current!;
      field.value = JSON.stringify(response);
      field.form!.requestSubmit();
    } catch {
      setLocalError(labels.failed);
    } finally {
      setWorking(false);
    }
  };

  const busy = working || pending;
  return (
    <ActionForm action={formAction} pending={pending} answer={state} noValidate className={className ?? "flex flex-col gap-3"}>
      {/* Only once there is something to say: an empty alert here would make two on /login and the
          second step, and flows that read "the form's alert" (the QA contract) would find two. */}
      {(localError || state) && <FormAlert state={localError ? { ok: false, error: localError } : state} />}
      {children}
      <input ref={responseRef} type="hidden" name="response" />
      <button
        type="button"
        onClick={() => {
          if (!busy) void run();
        }}
        aria-disabled={busy}
        className="rounded-md border border-blue-700 px-4 py-2 font-semibold text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 aria-disabled:opacity-70 dark:border-blue-400 dark:text-blue-300 dark:hover:bg-blue-950"
      >
        {busy ? <span aria-hidden="true">{labels.working}</span> : null}
        <span className={busy ? "sr-only" : undefined}>{labels.button}</span>
      </button>
    </ActionForm>
  );
}
