import { TextField } from "./text-field";

export type ReauthenticationLabels = { label: string; hint: string; code?: { label: string; hint: string } };

/**
 * The password (and, with two-factor authentication on, a code) asked for when the sign-in
 * is older than the re-authentication window (lib/auth/session-lifetime.ts). The field names are
 * what server/recent-authentication.ts reads; `idPrefix` keeps two such forms on one page apart;
 * `invalid` when the refusal is about the password. Where two forms ask on one screen, the
 * screen says why once (`describedBy`, the id of that sentence) instead of under each field.
 */
type ReauthenticationFieldsProps = { labels: ReauthenticationLabels; idPrefix?: string; invalid?: boolean; describedBy?: string };

export function ReauthenticationFields({ labels, idPrefix, invalid, describedBy }: ReauthenticationFieldsProps) {
  return (
    <>
      <TextField
        id={idPrefix && `${idPrefix}-password`}
        label={labels.label}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint={describedBy ? undefined : labels.hint}
        describedBy={describedBy}
        invalid={invalid}
      />
      {labels.code && (
        <TextField
          id={idPrefix && `${idPrefix}-reauthentication-code`}
          label={labels.code.label}
          name="reauthenticationCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          hint={labels.code.hint}
        />
      )}
    </>
  );
}
