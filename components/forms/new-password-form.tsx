"use client";

import { useActionState, useState } from "react";
import { passwordMaxLength } from "@/lib/input/password-rules";
import { ActionForm } from "./action-form";
import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

type NewPasswordFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** The account's address, for password managers (saved with the new password). */
  email: string;
  hiddenFields: Record<string, string>;
  labels: { password: string; hint: string; showPassword: string; submit: string; working: string };
};

/**
 * One new password, with a show-password toggle (NIST SP 800-63B rev 4 §3.1.1.2); paste and
 * password managers work as in any field. A plain form post without JavaScript (the toggle then
 * does nothing).
 */
export function NewPasswordForm({ action, email, hiddenFields, labels }: NewPasswordFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const [visible, setVisible] = useState(false);
  return (
    <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password"]} noValidate className="flex flex-col gap-4">
      <FormAlert state={state} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={labels.password}
        name="password"
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        autoFocus
        required
        maxLength={passwordMaxLength * 2}
        hint={labels.hint}
        invalid={Boolean(state && !state.ok && state.field === "password")}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} />
        {labels.showPassword}
      </label>
      <SubmitButton label={labels.submit} workingLabel={labels.working} />
    </ActionForm>
  );
}
