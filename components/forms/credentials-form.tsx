"use client";

import { useActionState } from "react";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { ActionForm } from "./action-form";
import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

type CredentialsFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: { email: string; password: string; submit: string; working: string; passwordHint?: string };
  passwordAutoComplete: "current-password" | "new-password";
  /** "username webauthn" on /login: the browser offers the site's passkeys in the field's autofill too. */
  emailAutoComplete?: "username" | "username webauthn";
};

/** Email address + password (log in, create account); works as a plain form post without JavaScript. */
export function CredentialsForm({ action, labels, passwordAutoComplete, emailAutoComplete = "username" }: CredentialsFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const invalid = (field: "email" | "password") => Boolean(state && !state.ok && state.field === field);
  return (
    <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password"]} noValidate className="flex flex-col gap-4">
      <FormAlert state={state} />
      <TextField
        label={labels.email}
        name="email"
        type="email"
        autoComplete={emailAutoComplete}
        required
        maxLength={emailMaxLength}
        // Logging in or signing up is the only thing to do on these pages.
        autoFocus
        defaultValue={state && !state.ok ? state.values?.email : undefined}
        invalid={invalid("email")}
      />
      <TextField
        label={labels.password}
        name="password"
        type="password"
        autoComplete={passwordAutoComplete}
        required
        hint={labels.passwordHint}
        invalid={invalid("password")}
      />
      <SubmitButton label={labels.submit} workingLabel={labels.working} />
    </ActionForm>
  );
}
