"use client";

import { useActionState, useEffect, useRef } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import type { FormState } from "@/components/forms/form-state";
import { ReauthenticationFields, type ReauthenticationLabels } from "@/components/forms/reauthentication-fields";

type Labels = { disable: string; confirmTitle: string; confirmBody: string; ok: string; cancel: string };

type DisableTwoFactorFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: Labels;
  /** One per page: "disable-confirmation" for "Disable", one per passkey for removing the last factor. */
  dialogId: string;
  /** Sent with the confirmation (the passkey being removed). */
  hiddenFields?: Record<string, string>;
  reauthentication?: ReauthenticationLabels;
  describedBy?: string;
};

/**
 * "解除する" → a confirmation → "OK"; also "Remove" on the last second factor (a passkey), which
 * turns two-factor authentication off in the same way. The confirmation is a native popover, so
 * it opens without JavaScript. A refusal (a wrong password after the re-authentication window) is
 * shown inside it, where the person is looking, with focus on the password; a plain post (no
 * JavaScript) comes back with the popover closed, so the answer is shown beside the button too.
 */
export function DisableTwoFactorForm({ action, labels, dialogId, hiddenFields = {}, reauthentication, describedBy }: DisableTwoFactorFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const refusedField = state && !state.ok ? state.field : undefined;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !state || state.ok) return;
    if (!dialog.matches(":popover-open")) dialog.showPopover();
    // The alert is announced (aria-live); the caret goes where the next try is typed.
    const field = dialog.querySelector<HTMLInputElement>(refusedField === "password" ? "input[name=password]" : "input");
    field?.focus();
  }, [state, refusedField]);
  return (
    <div className="flex flex-col gap-3">
      <noscript>
        <FormAlert state={state} />
      </noscript>
      <div>
        <button
          type="button"
          popoverTarget={dialogId}
          className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-red-300 dark:hover:bg-red-950"
        >
          {labels.disable}
        </button>
      </div>
      {/* Tailwind's reset takes away the popover's `margin: auto`, which centres it: given back here. */}
      <div
        ref={dialogRef}
        id={dialogId}
        popover="auto"
        role="alertdialog"
        aria-labelledby={`${dialogId}-title`}
        aria-describedby={`${dialogId}-body`}
        className="m-auto w-[calc(100vw-2rem)] max-w-sm rounded-lg border border-zinc-300 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h3 id={`${dialogId}-title`} className="text-lg font-semibold">
          {labels.confirmTitle}
        </h3>
        <p id={`${dialogId}-body`} className="mt-2">
          {labels.confirmBody}
        </p>
        <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password", "reauthenticationCode"]} className="mt-4 flex flex-col gap-4">
          <FormAlert state={state} focus={false} />
          {Object.entries(hiddenFields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {reauthentication && (
            <ReauthenticationFields labels={reauthentication} idPrefix={dialogId} invalid={refusedField === "password"} describedBy={describedBy} />
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <button
              type="button"
              popoverTarget={dialogId}
              popoverTargetAction="hide"
              className="rounded-md border border-zinc-400 px-4 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            >
              {labels.cancel}
            </button>
            <button className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
              {labels.ok}
            </button>
          </div>
        </ActionForm>
      </div>
    </div>
  );
}
