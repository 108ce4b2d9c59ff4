/**
 * What every server action answers to its form (server/define-action.ts); success usually
 * redirects instead. `field` names the input the error is about, `values` what is shown again.
 */
export type FormState =
  | { ok: false; error: string; field?: string; values?: { email?: string } }
  | { ok: true; message: string }
  | null;
