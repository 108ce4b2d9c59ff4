import { getTranslations } from "next-intl/server";
import { countOtherActiveSessions } from "@/lib/auth/end-other-sessions";
import type { ActiveSession } from "@/lib/auth/load-active-session";
import { endOtherSessionsAction } from "./actions";

export async function OtherSessions({ session, justEnded }: { session: ActiveSession; justEnded: boolean }) {
  const t = await getTranslations("sessions");
  const otherCount = await countOtherActiveSessions({ userId: session.user.id, sessionId: session.sessionId });
  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      {justEnded && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100">
          {t("ended")}
        </p>
      )}
      <p>{t("intro")}</p>
      <p data-testid="other-sessions-count">{t("otherCount", { count: otherCount })}</p>
      <form action={endOtherSessionsAction}>
        <button className="rounded-md border border-zinc-400 px-4 py-2 font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800">
          {t("logOutOthers")}
        </button>
      </form>
    </section>
  );
}
