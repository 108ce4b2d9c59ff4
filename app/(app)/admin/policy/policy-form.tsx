"use client";

import { useActionState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import type { TwoFactorRequirement } from "@/lib/admin/two-factor-policy";
import { setTwoFactorPolicyAction } from "./actions";
import { ReauthenticationFields } from "@/components/forms/reauthentication-fields";

type PolicyFormProps = {
  current: { requirement: TwoFactorRequirement; graceDays: number; adminsPasskeysOnly: boolean };
  maxGraceDays: number;
  labels: {
    legend: string;
    options: Record<TwoFactorRequirement, string>;
    graceDays: string;
    graceDaysHint: string;
    passkeysOnly: string;
    passkeysOnlyHint: string;
    save: string;
    working: string;
  };
  reauthentication?: { label: string; hint: string };
};

export function PolicyForm({ current, maxGraceDays, labels, reauthentication }: PolicyFormProps) {
  const [state, formAction, pending] = useActionState(setTwoFactorPolicyAction, null);
  const requirements: TwoFactorRequirement[] = ["OFF", "ADMINS", "EVERYONE"];
  return (
    <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["password"]} noValidate className="flex flex-col gap-4">
      <FormAlert state={state} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{labels.legend}</legend>
        {requirements.map((requirement) => (
          <label key={requirement} className="flex items-center gap-2">
            <input type="radio" name="requirement" value={requirement} defaultChecked={requirement === current.requirement} />
            {labels.options[requirement]}
          </label>
        ))}
      </fieldset>
      <TextField
        label={labels.graceDays}
        name="graceDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={maxGraceDays}
        required
        defaultValue={current.graceDays}
        hint={labels.graceDaysHint}
        invalid={Boolean(state && !state.ok && state.field === "graceDays")}
        className="w-32 rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-[invalid]:border-red-700 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name="adminsPasskeysOnly" defaultChecked={current.adminsPasskeysOnly} aria-describedby="passkeys-only-hint" />
          {labels.passkeysOnly}
        </label>
        <p id="passkeys-only-hint" className="text-sm text-zinc-600 dark:text-zinc-400">
          {labels.passkeysOnlyHint}
        </p>
      </div>
      {reauthentication && <ReauthenticationFields labels={reauthentication} invalid={Boolean(state && !state.ok && state.field === "password")} />}
      <div>
        <SubmitButton label={labels.save} workingLabel={labels.working} />
      </div>
    </ActionForm>
  );
}
