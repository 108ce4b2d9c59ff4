import type { InputHTMLAttributes } from "react";

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  hint?: string;
  /** The id of a sentence elsewhere on the screen that explains this field too. */
  describedBy?: string;
  /** True when the form's alert (id "form-error") is about this field. */
  invalid?: boolean;
};

/** A labelled input whose error is tied to it (aria-invalid, aria-describedby). */
export function TextField({ label, name, hint, describedBy, invalid, id, ...inputProps }: TextFieldProps) {
  // Two forms of one page may post a field of the same name: `id` keeps their labels apart.
  const inputId = id ?? name;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = invalid ? "form-error" : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[describedBy, hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-[invalid]:border-red-700 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:aria-[invalid]:border-red-400"
        {...inputProps}
      />
      {hint && (
        <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}
