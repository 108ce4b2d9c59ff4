"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import { ReauthenticationFields, type ReauthenticationLabels } from "@/components/forms/reauthentication-fields";
import { disableTwoFactorAction } from "./actions";

type Labels = { disable: string; confirmTitle: string; confirmBody: string; ok: string; cancel: string };

/**
 * "解除する" → a confirmation → "OK". The confirmation is a native popover, so it opens
 * without JavaScript; the outcome is shown outside it so it stays visible after a plain post.
 */
export function DisableTwoFactorForm({ labels, reauthentication }: { labels: Labels; reauthentication?: ReauthenticationLabels }) {
  const [state, formAction, pending] = useActionState(disableTwoFactorAction, null);
  return (
    <div className="flex flex-col gap-3">
      <FormAlert state={state} />
      <div>
        <button
          type="button"
          popoverTarget="disable-confirmation"
          className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-red-300 dark:hover:bg-red-950"
        >
          {labels.disable}
        </button>
      </div>
      <div
        id="disable-confirmation"
        popover="auto"
        role="alertdialog"
        aria-labelledby="disable-confirmation-title"
        aria-describedby="disable-confirmation-body"
        className="max-w-sm rounded-lg border border-zinc-300 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h3 id="disable-confirmation-title" className="text-lg font-semibold">
          {labels.confirmTitle}
        </h3>
        <p id="disable-confirmation-body" className="mt-2">
          {labels.confirmBody}
        </p>
        <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password"]} className="mt-4 flex flex-col gap-4">
          {reauthentication && <ReauthenticationFields labels={reauthentication} idPrefix="disable" />}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              popoverTarget="disable-confirmation"
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
