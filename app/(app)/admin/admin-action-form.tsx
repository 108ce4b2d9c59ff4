"use client";

import { useActionState, useId } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/components/forms/form-state";

type AdminActionFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** What the action acts on, e.g. { userId }: read and checked again by the action. */
  hiddenFields: Record<string, string>;
  labels: { submit: string; working: string };
  /** Shown when the sign-in is older than the re-authentication window (lib/auth/session-lifetime.ts): the action then requires the password. */
  reauthentication?: { label: string; hint: string };
  /** A required free-text reason, kept in the audit log. */
  reason?: { label: string; hint: string; maxLength: number };
};

/**
 * One admin action on one page among others, so its fields get ids of their own (useId)
 * rather than the shared TextField's id-from-name. Works as a plain form post without JavaScript.
 */
export function AdminActionForm({ action, hiddenFields, labels, reauthentication, reason }: AdminActionFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const invalid = (field: "password" | "reason") => Boolean(state && !state.ok && state.field === field);
  const inputClass =
    "rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-[invalid]:border-red-700 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100";
  return (
    <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password"]} noValidate className="flex flex-col gap-3">
      <FormAlert state={state} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {reason && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reason`} className="text-sm font-medium">
            {reason.label}
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            required
            rows={3}
            maxLength={reason.maxLength}
            aria-invalid={invalid("reason") || undefined}
            aria-describedby={`${id}-reason-hint`}
            className={inputClass}
          />
          <p id={`${id}-reason-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
            {reason.hint}
          </p>
        </div>
      )}
      {reauthentication && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-password`} className="text-sm font-medium">
            {reauthentication.label}
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={invalid("password") || undefined}
            aria-describedby={`${id}-password-hint`}
            className={inputClass}
          />
          <p id={`${id}-password-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
            {reauthentication.hint}
          </p>
        </div>
      )}
      <div>
        <SubmitButton label={labels.submit} workingLabel={labels.working} />
      </div>
    </ActionForm>
  );
}
