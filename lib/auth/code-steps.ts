import { getConfig } from "../env";
import { backupCodeDigits, type CodeDigits, securityCodeDigits } from "../input/code-format";
import type { RequestContext } from "../security/record-event";
import type { CodeStepResult } from "./guard-code-step";
import type { SignInMethod } from "./start-session";
import { verifyBackupCodeStep } from "./verify-backup-code-step";
import { verifyTotpStep } from "./verify-totp-step";

/**
 * One second step of a sign-in, described once: its page, its action and its form read this.
 * `messages` are catalogue keys (messages/*.json); `page` the step's own namespace (title, intro).
 */
export type CodeStep = {
  digits: CodeDigits;
  method: Extract<SignInMethod, "totp" | "backup_code">;
  path: string;
  verify: (options: { userId: string; code: string; context: RequestContext; passwordStepAt?: Date }) => Promise<CodeStepResult>;
  messages: { page: string; label: string; invalid: string; other: { label: string; path: string } };
};

export const securityCodeStep: CodeStep = {
  digits: securityCodeDigits,
  method: "totp",
  path: "/login/two-factor",
  verify: (options) => verifyTotpStep({ ...options, keyring: getConfig().totpKeyring }),
  messages: {
    page: "twoFactorStep",
    label: "common.securityCode",
    invalid: "twoFactorStep.invalidCode",
    other: { label: "twoFactorStep.useBackupCode", path: "/login/backup-code" },
  },
};

export const backupCodeStep: CodeStep = {
  digits: backupCodeDigits,
  method: "backup_code",
  path: "/login/backup-code",
  verify: verifyBackupCodeStep,
  messages: {
    page: "backupCodeStep",
    label: "common.backupCode",
    invalid: "backupCodeStep.invalidCode",
    other: { label: "backupCodeStep.useAuthenticator", path: securityCodeStep.path },
  },
};
