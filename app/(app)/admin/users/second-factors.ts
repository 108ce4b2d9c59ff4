import type { UserSummary } from "@/lib/admin/user-summary";

type Translate = (key: "factorApp" | "factorPasskeys", values?: { count: number }) => string;

/** "Authenticator app, 2 passkeys", or "—" without a second factor: the list and the user page. */
export function secondFactorsText({ factors }: Pick<UserSummary, "factors">, t: Translate): string {
  const names = [factors.authenticatorApp ? t("factorApp") : null, factors.passkeys > 0 ? t("factorPasskeys", { count: factors.passkeys }) : null];
  return names.filter(Boolean).join(", ") || "—";
}
