import { securityCodeStep } from "@/lib/auth/code-steps";
import { CodeStepPage, codeStepMetadata } from "../code-step-page";
import { logInWithSecurityCode } from "./actions";

export const generateMetadata = () => codeStepMetadata(securityCodeStep);

export default function SecurityCodeStepPage() {
  return <CodeStepPage step={securityCodeStep} action={logInWithSecurityCode} />;
}
