import "server-only";
import { after } from "next/server";
import { deliverDueMail, enqueuedMailCount } from "@/lib/notifications/deliver-due-mail";

/**
 * Runs work that may put mail in the outbox, then delivers after the response is sent
 * (`after()`), so no answer waits for the SMTP server (ADR 0014). A mail the work
 * enqueued — committed by the time it returns — forces a pass; otherwise a pass runs only if
 * a retry is due.
 */
export async function withMailAfterResponse<T>(work: () => Promise<T>): Promise<T> {
  const enqueuedBefore = enqueuedMailCount();
  try {
    return await work();
  } finally {
    const force = enqueuedMailCount() !== enqueuedBefore;
    after(() => deliverDueMail({ force }));
  }
}
