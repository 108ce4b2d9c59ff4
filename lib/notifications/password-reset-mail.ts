import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
import { type PasswordResetMailKind, passwordResetTokenTtlSeconds } from "../password-reset/reset-token";

/** The mail carrying a reset link, in both languages like every notification (ADR 0014). */
export function composePasswordResetMail(options: { kind: PasswordResetMailKind; appName: string; link: string }): { subject: string; text: string } {
  const minutes = String(passwordResetTokenTtlSeconds / 60);
  const part = (messages: typeof en) => [messages.mail[options.kind].replace("{minutes}", minutes), "", options.link, "", messages.mail.resetNotYou].join("\n");
  return {
    subject: `[${options.appName}] ${ja.mail.subjects[options.kind]} / ${en.mail.subjects[options.kind]}`,
    text: `${part(ja as typeof en)}\n\n----\n\n${part(en)}\n`,
  };
}
