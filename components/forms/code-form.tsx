"use client";

import { type FormEvent, type KeyboardEvent, useActionState, useRef } from "react";
import { type CodeDigits, isCodeDigit, isCompleteCode } from "@/lib/input/code-format";
import { ActionForm } from "./action-form";
import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";
import { ReauthenticationFields } from "./reauthentication-fields";

type CodeFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  labels: { code: string; submit: string; working: string };
  digits: CodeDigits;
  /** Shown when the sign-in is older than the re-authentication window (lib/auth/session-lifetime.ts): the action then requires the password. */
  reauthentication?: { label: string; hint: string };
  /** On the sign-in steps the code is the only thing to do; on the setup screen it is not. */
  autoFocus?: boolean;
  /** Posted with the code, e.g. the reset link's token. */
  hiddenFields?: Record<string, string>;
};

/**
 * One code field (security code or backup code). Spaces, hyphens and full-width digits are
 * accepted, so the field is text with a numeric keyboard, not type=number.
 */
export function CodeForm({ action, labels, digits, reauthentication, autoFocus = false, hiddenFields = {} }: CodeFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const typedByHand = useRef(false);
  // The form submits itself at the last digit when a person types or pastes it. A value
  // set by a script (autofill, a test's fill()) waits for the button, so a flow that fills
  // then clicks "Log in" never races a submission already under way (ADR 0006).
  const rememberTyping = (event: KeyboardEvent<HTMLInputElement>) => {
    typedByHand.current = isCodeDigit(event.key);
  };
  const submitWhenComplete = (event: FormEvent<HTMLInputElement>) => {
    const inputType = (event.nativeEvent as InputEvent).inputType;
    const byPerson = typedByHand.current || inputType === "insertFromPaste" || inputType === "insertFromDrop";
    typedByHand.current = false;
    // The server's normaliser reads the same format (lib/input/code-format.ts): what submits here is accepted there.
    if (byPerson && !reauthentication && isCompleteCode(event.currentTarget.value, digits)) event.currentTarget.form?.requestSubmit();
  };
  return (
    <ActionForm action={formAction} pending={pending} answer={state} clearAfterRefusal={["code", "password"]} noValidate className="flex flex-col gap-4">
      <FormAlert state={state} />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {reauthentication && <ReauthenticationFields labels={reauthentication} invalid={Boolean(state && !state.ok && state.field === "password")} />}
      <TextField
        label={labels.code}
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        required
        maxLength={digits * 2 + 8}
        className="w-48 rounded-md border border-zinc-400 bg-white px-3 py-2 font-mono text-xl tracking-widest text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-[invalid]:border-red-700 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100"
        invalid={Boolean(state && !state.ok && state.field === "code")}
        autoFocus={autoFocus}
        onKeyDown={rememberTyping}
        onInput={submitWhenComplete}
      />
      <div>
        <SubmitButton label={labels.submit} workingLabel={labels.working} />
      </div>
    </ActionForm>
  );
}
