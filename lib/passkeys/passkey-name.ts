import Bowser from "bowser";

/** Longest name a person may give a passkey (characters). */
export const passkeyNameMaxLength = 64;

/**
 * A few authenticators say who they are (their AAGUID); the rest, Chromium's virtual one
 * included, send zeros. The FIDO metadata service would name them all, but it is downloaded
 * from fidoalliance.org, which these machines cannot reach: the common ones are listed here.
 */
const knownAuthenticators: Record<string, string> = {
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "dd4ec289-e01d-41c9-bb89-70fa845d4bf2": "iCloud Keychain",
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "53414d53-554e-4700-0000-000000000000": "Samsung Pass",
};

/** The default name of a new passkey: the authenticator's, else the browser and system, and the day. */
export function defaultPasskeyName(options: { aaguid: string; userAgent: string | null; now: Date }): string {
  const known = knownAuthenticators[options.aaguid.toLowerCase()];
  if (known) return known;
  // No words of either language: the name is stored once and read in both (product names and a date).
  const day = options.now.toISOString().slice(0, 10);
  const parsed = options.userAgent ? Bowser.parse(options.userAgent) : null;
  const names = [parsed?.browser.name, parsed?.os.name].filter(Boolean).join(" / ");
  return (names ? `${names} ${day}` : day).slice(0, passkeyNameMaxLength);
}
