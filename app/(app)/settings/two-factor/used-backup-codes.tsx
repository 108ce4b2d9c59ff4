import { getFormatter, getTranslations } from "next-intl/server";
import type { UsedBackupCode } from "@/lib/two-factor/get-two-factor-status";

/**
 * Which numbered codes of the current set were used, and when (the help page asks users to
 * know which are still unused; only hashes are kept, so the number is all that can be shown).
 * A set made before numbering lists its used codes by time alone.
 */
export async function UsedBackupCodes({ used }: { used: UsedBackupCode[] }) {
  const t = await getTranslations("twoFactor");
  const format = await getFormatter();
  const unnumbered = used.some((code) => code.position === null);
  return (
    <section aria-labelledby="used-codes-heading" className="flex flex-col gap-1" data-testid="used-backup-codes">
      <h3 id="used-codes-heading" className="font-semibold">{t("usedHeading")}</h3>
      {used.length === 0 ? (
        <p className="text-sm">{t("noneUsed")}</p>
      ) : (
        <ul className="flex flex-col gap-0.5 text-sm">
          {used.map((code) => {
            const when = format.dateTime(code.usedAt, { dateStyle: "medium", timeStyle: "short" });
            return (
              <li key={`${code.position}-${code.usedAt.getTime()}`}>
                {code.position === null ? t("usedUnnumbered", { when }) : t("usedNumbered", { number: code.position, when })}
              </li>
            );
          })}
        </ul>
      )}
      {unnumbered && <p className="text-sm">{t("unnumberedSet")}</p>}
    </section>
  );
}
