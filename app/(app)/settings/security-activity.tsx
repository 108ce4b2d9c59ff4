import { getFormatter, getTranslations } from "next-intl/server";
import { listRecentSecurityEvents } from "@/lib/security/list-security-events";
import { securityEventTypes, type SecurityEventType } from "@/lib/security/record-event";

export async function SecurityActivity({ userId }: { userId: string }) {
  const t = await getTranslations("settings");
  const eventNames = await getTranslations("events");
  const format = await getFormatter();
  const events = await listRecentSecurityEvents({ userId });
  return (
    <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
      <h2 id="activity-heading" className="text-xl font-semibold">
        {t("activityHeading")}
      </h2>
      {events.length === 0 ? (
        <p>{t("activityEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-300 dark:border-zinc-700">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("activityWhen")}</th>
                <th scope="col" className="py-2 pr-3">{t("activityWhat")}</th>
                <th scope="col" className="py-2 pr-3">{t("activityWhere")}</th>
                <th scope="col" className="py-2">{t("activityDevice")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} className="border-b border-zinc-200 dark:border-zinc-800">
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </td>
                  <td className="py-2 pr-3">
                    {securityEventTypes.includes(event.type as SecurityEventType) ? eventNames(event.type as SecurityEventType) : event.type}
                  </td>
                  <td className="py-2 pr-3">{event.ip ?? t("unknown")}</td>
                  <td className="max-w-48 truncate py-2" title={event.userAgent ?? undefined}>
                    {event.userAgent ?? t("unknown")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
