"use client";

import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
} from "@simplewebauthn/browser";
import { type ReactNode, useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import type { FormState } from "@/components/forms/form-state";

const neverChanges = () => () => {};

type Purpose = "register" | "sign_in" | "second_factor";

type PasskeyCeremonyFormProps = {
  purpose: Purpose;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: {
    button: string;
    working: string;
    cancelled: string;
    failed: string;
    /** What a refusal of /passkeys/options means, by its `error` (e.g. `too_many`). */
    refusals?: Record<string, string>;
  };
  /**
   * Sign-in only: also offer the passkeys in the autofill of the page's field marked
   * `autocomplete="username webauthn"` (conditional mediation), from the moment the page is ready.
   */
  autofill?: boolean;
  /** Fields sent with the response, e.g. the password when re-authentication is due. */
  children?: ReactNode;
  className?: string;
};

type OptionsAnswer = { ok: true; options: never } | { ok: false; error: string };

async function requestOptions(purpose: Purpose): Promise<OptionsAnswer> {
  const answer = await fetch("/passkeys/options", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ purpose }),
  });
  if (answer.ok) return { ok: true, options: (await answer.json()) as never };
  const body = (await answer.json().catch(() => null)) as { error?: unknown } | null;
  return { ok: false, error: typeof body?.error === "string" ? body.error : "failed" };
}

/**
 * One passkey ceremony: the button asks /passkeys/options for a challenge, opens the browser's
 * own dialog (@simplewebauthn/browser) and posts its response to `action`, which verifies it.
 * Absent where the browser has no WebAuthn and without JavaScript (it is drawn only once
 * mounted), so those pages work exactly as before.
 */
export function PasskeyCeremonyForm({ purpose, action, labels, autofill, children, className }: PasskeyCeremonyFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  // False on the server and before hydration: the button exists only where it can work.
  const supported = useSyncExternalStore(neverChanges, browserSupportsWebAuthn, () => false);
  const [working, setWorking] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const responseRef = useRef<HTMLInputElement>(null);
  // The autofill's request for options, while under way: the button waits for it, so that its own
  // challenge cookie is the one set last, and its dialog replaces the autofill's request.
  const autofillStarting = useRef<Promise<unknown> | null>(null);
  // False once the page is left: a request for options answered later starts nothing.
  const mounted = useRef(false);

  const submitResponse = (response: unknown) => {
    const field = responseRef.current;
    if (!field?.form) return;
    field.value = JSON.stringify(response);
    field.form.requestSubmit();
  };

  const startAutofill = () => {
    const options = (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return null;
      const answer = await requestOptions(purpose);
      return answer.ok ? answer.options : null;
    })().catch(() => null);
    autofillStarting.current = options;
    void options.then(async (optionsJSON) => {
      if (!optionsJSON || !mounted.current) return;
      // Said on the form while the browser waits for a pick (QA flows wait for it: README, Passkeys).
      const form = responseRef.current?.form;
      form?.setAttribute("data-passkey-autofill", "waiting");
      try {
        const response = await startAuthentication({ optionsJSON, useBrowserAutofill: true });
        form?.removeAttribute("data-passkey-autofill");
        submitResponse(response);
      } catch {
        // Replaced by the button's dialog, or the page left: nothing to say.
        form?.removeAttribute("data-passkey-autofill");
      }
    });
  };

  useEffect(() => {
    if (!autofill || !supported) return;
    mounted.current = true;
    startAutofill();
    // Leaving the page ends the autofill's pending request.
    return () => {
      mounted.current = false;
      WebAuthnAbortService.cancelCeremony();
    };
    // Once per page: a new request on every render would replace the one the person may be choosing from.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autofill, supported]);

  if (!supported) return null;

  const run = async () => {
    setLocalError(null);
    setWorking(true);
    let submitted = false;
    try {
      await autofillStarting.current;
      const answer = await requestOptions(purpose);
      if (!answer.ok) {
        setLocalError(labels.refusals?.[answer.error] ?? labels.failed);
        return;
      }
      let response: unknown;
      try {
        response = purpose === "register" ? await startRegistration({ optionsJSON: answer.options }) : await startAuthentication({ optionsJSON: answer.options });
      } catch {
        // Closed, timed out, or no passkey for this site: the browser does not say which.
        setLocalError(labels.cancelled);
        return;
      }
      submitResponse(response);
      submitted = true;
    } catch {
      setLocalError(labels.failed);
    } finally {
      setWorking(false);
      // The dialog replaced the autofill's request: offer it again unless the passkey was sent.
      if (autofill && !submitted) startAutofill();
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
