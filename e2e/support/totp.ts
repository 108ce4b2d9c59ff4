import { generate } from "otplib";

const timeStepSeconds = 30;

/**
 * The code an authenticator app would show for the key on the setup screen.
 * `stepOffset` 1 is the next 30-second step: the server accepts ±1 step (RFC 6238 §5.2),
 * so a test that already spent the current step signs in again with the next one
 * instead of waiting up to 30 seconds.
 */
export async function totpCodeFor(options: { key: string; stepOffset?: number }): Promise<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return generate({ secret: options.key.replace(/\s+/g, ""), epoch: nowSeconds + (options.stepOffset ?? 0) * timeStepSeconds });
}
