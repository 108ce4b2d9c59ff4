"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import type { FormState } from "@/components/forms/form-state";
import { type ReauthenticationLabels, ReauthenticationFields } from "@/components/forms/reauthentication-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { DisableTwoFactorForm } from "./disable-two-factor-form";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

type PasskeyRowProps = {
  passkey: { id: string; name: string; added: string; lastUsed: string };
  renameAction: Action;
  removeAction: Action;
  /** Its removal turns two-factor authentication off: said beside the button, and confirmed as "Disable" is. */
  lastFactor?: { warning: string; confirmTitle: string; confirmBody: string; ok: string; cancel: string };
  reauthentication?: ReauthenticationLabels;
  describedBy?: string;
  labels: { name: string; rename: string; remove: string; added: string; lastUsed: string; working: string };
};

/** One passkey: its name (changeable), when it was added and last used, and "Remove". */
export function PasskeyRow({ passkey, renameAction, removeAction, lastFactor, reauthentication, describedBy, labels }: PasskeyRowProps) {
  const [renamed, rename, renaming] = useActionState(renameAction, null);
  const [removed, remove, removing] = useActionState(removeAction, null);
  return (
    <li className="flex flex-col gap-3 rounded-md border border-zinc-300 p-4 dark:border-zinc-700">
      <p className="font-semibold break-words">{passkey.name}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt>{labels.added}</dt>
        <dd>{passkey.added}</dd>
        <dt>{labels.lastUsed}</dt>
        <dd>{passkey.lastUsed}</dd>
      </dl>
      <ActionForm action={rename} pending={renaming} answer={renamed} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormAlert state={renamed} />
        <input type="hidden" name="passkeyId" value={passkey.id} />
        <TextField id={`passkey-name-${passkey.id}`} label={labels.name} name="name" defaultValue={passkey.name} maxLength={64} required />
        <SubmitButton label={labels.rename} workingLabel={labels.working} />
      </ActionForm>
      {lastFactor ? (
        <>
          <p className="text-sm text-amber-900 dark:text-amber-200">{lastFactor.warning}</p>
          <DisableTwoFactorForm
            action={removeAction}
            dialogId={`remove-passkey-${passkey.id}`}
            hiddenFields={{ passkeyId: passkey.id }}
            reauthentication={reauthentication}
            describedBy={describedBy}
            labels={{ disable: labels.remove, confirmTitle: lastFactor.confirmTitle, confirmBody: lastFactor.confirmBody, ok: lastFactor.ok, cancel: lastFactor.cancel }}
          />
        </>
      ) : (
        <ActionForm action={remove} pending={removing} answer={removed} noValidate className="flex flex-col gap-2">
          <FormAlert state={removed} />
          <input type="hidden" name="passkeyId" value={passkey.id} />
          {reauthentication && <ReauthenticationFields labels={reauthentication} idPrefix={`remove-${passkey.id}`} describedBy={describedBy} invalid={Boolean(removed && !removed.ok)} />}
          <SubmitButton label={labels.remove} workingLabel={labels.working} tone="danger" />
        </ActionForm>
      )}
    </li>
  );
}
