/**
 * What every server action answers to its form (server/define-action.ts); success usually
 * redirects instead. `field` names the input the error is about, `values` what is shown again,
 * `link` where to go instead (a backup code typed on the security code step).
 */
export type FormState =
  | { ok: false; error: string; field?: string; values?: { email?: string }; link?: { href: string; label: string } }
  | { ok: true; message: string }
  | null;
