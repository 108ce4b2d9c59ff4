import { getFormatter, getTranslations } from "next-intl/server";
import { UnbrokenQuotes } from "@/components/unbroken-quotes";
import { isCommandLineUserAgent } from "@/lib/security/client-label";
import { listRecentSecurityEvents } from "@/lib/security/list-security-events";
import { securityEventTypes, type SecurityEventType } from "@/lib/security/record-event";

// A table on a wide screen; below `sm` each row is a card of its own, the column names shown
// beside the values (data-label), so nothing is wider than a 375-pixel phone. The roles are
// written out: a table whose rows are restyled keeps them for screen readers this way.
const cell = "py-2 pr-3 align-top max-sm:py-0 max-sm:pr-0";
const labelled = "max-sm:before:mr-1 max-sm:before:font-medium max-sm:before:content-[attr(data-label)]";

export async function SecurityActivity({ userId }: { userId: string }) {
  const t = await getTranslations("settings");
  const eventNames = await getTranslations("events");
  const format = await getFormatter();
  const events = await listRecentSecurityEvents({ userId });
  // No trusted proxy header: every address is unknown. Say once how an admin makes it known.
  const noAddressKnown = events.length > 0 && events.every((event) => event.ip === null);
  return (
    <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
      <h2 id="activity-heading" className="text-xl font-semibold">
        {t("activityHeading")}
      </h2>
      {events.length === 0 ? (
        <p>{t("activityEmpty")}</p>
      ) : (
        <table role="table" className="w-full text-left text-sm" data-testid="security-activity">
          <thead className="border-b border-zinc-300 max-sm:sr-only dark:border-zinc-700">
            <tr role="row">
              <th role="columnheader" scope="col" className="py-2 pr-3">{t("activityWhen")}</th>
              <th role="columnheader" scope="col" className="py-2 pr-3">{t("activityWhat")}</th>
              <th role="columnheader" scope="col" className="py-2 pr-3">{t("activityWhere")}</th>
              <th role="columnheader" scope="col" className="py-2">{t("activityDevice")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr role="row" key={event.id} className="border-b border-zinc-200 max-sm:flex max-sm:flex-col max-sm:gap-0.5 max-sm:py-2 dark:border-zinc-800">
                <td role="cell" className={`${cell} whitespace-nowrap max-sm:text-zinc-600 max-sm:dark:text-zinc-400`}>
                  {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </td>
                <td role="cell" className={`${cell} max-sm:order-first max-sm:font-semibold`}>
                  {securityEventTypes.includes(event.type as SecurityEventType) ? eventNames(event.type as SecurityEventType) : event.type}
                </td>
                <td role="cell" className={`${cell} ${labelled}`} data-label={`${t("activityWhere")}:`}>
                  {event.ip ?? t("unknown")}
                </td>
                <td
                  role="cell"
                  className={`${cell} ${labelled} sm:max-w-48 sm:truncate max-sm:[overflow-wrap:anywhere]`}
                  data-label={`${t("activityDevice")}:`}
                  title={event.userAgent ?? undefined}
                >
                  {isCommandLineUserAgent(event.userAgent) ? t("commandLine") : (event.userAgent ?? t("unknown"))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {noAddressKnown && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="addresses-unknown">
          <UnbrokenQuotes text={t("addressesUnknown")} />
        </p>
      )}
    </section>
  );
}
