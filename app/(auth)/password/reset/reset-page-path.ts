/** The reset page for a link's token, at its code step's backup-code variant if asked. */
export function resetPagePath(token: string, step?: "backup-code"): string {
  return `/password/reset?token=${encodeURIComponent(token)}${step ? `&step=${step}` : ""}`;
}
