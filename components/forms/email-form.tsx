"use client";

import { useActionState } from "react";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { ActionForm } from "./action-form";
import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

type EmailFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: { email: string; submit: string; working: string };
};

/** An email address alone ("Forgot your password?"); a plain form post without JavaScript. */
export function EmailForm({ action, labels }: EmailFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <ActionForm action={formAction} pending={pending} answer={state} noValidate className="flex flex-col gap-4">
      <FormAlert state={state} />
      <TextField
        label={labels.email}
        name="email"
        type="email"
        autoComplete="username"
        required
        maxLength={emailMaxLength}
        autoFocus
        defaultValue={state && !state.ok ? state.values?.email : undefined}
        invalid={Boolean(state && !state.ok && state.field === "email")}
      />
      <SubmitButton label={labels.submit} workingLabel={labels.working} />
    </ActionForm>
  );
}
