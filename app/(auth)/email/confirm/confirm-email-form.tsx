"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { confirmEmailChangeAction } from "./actions";

export function ConfirmEmailForm({ token, labels }: { token: string; labels: { submit: string; working: string } }) {
  const [state, formAction, pending] = useActionState(confirmEmailChangeAction, null);
  return (
    <ActionForm action={formAction} pending={pending} answer={state} className="flex flex-col gap-4">
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton label={labels.submit} workingLabel={labels.working} />
      </div>
    </ActionForm>
  );
}
