"use client";

import { useActionState } from "react";
import { emailMaxLength } from "@/lib/input/normalize-email";
import { passwordMaxLength } from "@/lib/input/password-rules";
import { ActionForm } from "./action-form";
import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export type AccountChangeLabels = {
  /** "New email address" for the address change; absent for the password change. */
  newEmail?: string;
  currentPassword: string;
  /** "New password" and its hint for the password change; absent for the address change. */
  newPassword?: { label: string; hint: string };
  /** Shown once the sign-in is older than the window with two-factor authentication on (ADR 0017). */
  code?: { label: string; hint: string };
  submit: string;
  working: string;
};

/**
 * Change password / change email address: the current password every time, a code when asked,
 * and the new value. The field names are what server/account-change-fields.ts reads; a plain
 * form post without JavaScript.
 */
export function AccountChangeForm({ action, labels }: { action: (state: FormState, formData: FormData) => Promise<FormState>; labels: AccountChangeLabels }) {
  const [state, formAction, pending] = useActionState(action, null);
  const invalid = (field: string) => Boolean(state && !state.ok && state.field === field);
  return (
    <ActionForm
      action={formAction}
      pending={pending}
      answer={state}
      clearAfterRefusal={["currentPassword", "newPassword", "reauthenticationCode"]}
      noValidate
      className="flex flex-col gap-4"
    >
      <FormAlert state={state} />
      {labels.newEmail && (
        <TextField
          label={labels.newEmail}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={emailMaxLength}
          defaultValue={state && !state.ok ? state.values?.email : undefined}
          invalid={invalid("email")}
        />
      )}
      <TextField label={labels.currentPassword} name="currentPassword" type="password" autoComplete="current-password" required invalid={invalid("currentPassword")} />
      {labels.code && (
        <TextField
          label={labels.code.label}
          name="reauthenticationCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          hint={labels.code.hint}
          invalid={invalid("reauthenticationCode")}
        />
      )}
      {labels.newPassword && (
        <TextField
          label={labels.newPassword.label}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          maxLength={passwordMaxLength * 2}
          hint={labels.newPassword.hint}
          invalid={invalid("newPassword")}
        />
      )}
      <div>
        <SubmitButton label={labels.submit} workingLabel={labels.working} />
      </div>
    </ActionForm>
  );
}
