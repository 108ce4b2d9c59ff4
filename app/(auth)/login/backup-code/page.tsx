import { backupCodeStep } from "@/lib/auth/code-steps";
import { CodeStepPage, codeStepMetadata } from "../code-step-page";
import { logInWithBackupCode } from "../two-factor/actions";

export const generateMetadata = () => codeStepMetadata(backupCodeStep);

export default function BackupCodeStepPage() {
  return <CodeStepPage step={backupCodeStep} action={logInWithBackupCode} />;
}
