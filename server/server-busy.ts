import "server-only";
import { getTranslations } from "next-intl/server";
import { HashQueueBusyError } from "@/lib/crypto/argon2";

export type ServerBusy = { busy: true; error: string; retryAfterSeconds: number };

/** "The server is busy. Try again in N seconds." */
export async function serverBusyMessage(retryAfterSeconds: number): Promise<string> {
  const t = await getTranslations("common");
  return t("serverBusy", { seconds: retryAfterSeconds });
}

/**
 * Awaits work that hashes; a refusal of the full hash queue (ADR 0010) becomes the busy
 * message for the form, every other error stays an error.
 */
export async function unlessServerBusy<T>(work: Promise<T>): Promise<{ busy: false; value: T } | ServerBusy> {
  try {
    return { busy: false, value: await work };
  } catch (error) {
    if (!(error instanceof HashQueueBusyError)) throw error;
    return { busy: true, error: await serverBusyMessage(error.retryAfterSeconds), retryAfterSeconds: error.retryAfterSeconds };
  }
}
