import { TextField } from "./text-field";

export type ReauthenticationLabels = { label: string; hint: string; code?: { label: string; hint: string } };

/**
 * The password (and, with two-factor authentication on, a code) asked for when the sign-in
 * is older than the re-authentication window (lib/auth/session-lifetime.ts). The field names are
 * what server/recent-authentication.ts reads; `idPrefix` keeps two such forms on one page apart;
 * `invalid` when the refusal is about the password.
 */
export function ReauthenticationFields({ labels, idPrefix, invalid }: { labels: ReauthenticationLabels; idPrefix?: string; invalid?: boolean }) {
  return (
    <>
      <TextField
        id={idPrefix && `${idPrefix}-password`}
        label={labels.label}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint={labels.hint}
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
