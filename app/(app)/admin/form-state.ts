import type { FormState } from "@/components/forms/form-state";

export type AdminFormField = "password" | "reason" | "graceDays";

/** What an admin action answers to its form; success redirects with a notice instead. */
export type AdminFormState = { ok: false; error: string; field?: AdminFormField } | { ok: true; message: string } | null;

/** The shared FormAlert shows the message; which field it concerns only matters to the field. */
export function alertState(state: AdminFormState): FormState {
  return state && !state.ok ? { ok: false, error: state.error } : state;
}
