import { type CDPSession, expect, type Page } from "@playwright/test";
import { e2eBaseUrl } from "./server";

/**
 * A relying-party ID is a domain, never an IP address (STACK.md): passkey flows browse the test
 * server as localhost. Cookies are per host, so such a test stays on this origin throughout.
 */
export function onLocalhost(baseUrl: string): string {
  return baseUrl.replace("//127.0.0.1:", "//localhost:");
}

export const passkeyBaseUrl = onLocalhost(e2eBaseUrl);

export type VirtualCredential = { credentialId: string; isResidentCredential: boolean; rpId?: string; privateKey: string; userHandle?: string; signCount: number };

export type VirtualAuthenticator = {
  cdp: CDPSession;
  authenticatorId: string;
  credentials: () => Promise<VirtualCredential[]>;
  addCredential: (credential: VirtualCredential) => Promise<void>;
  setSignCount: (credentialId: string, signCount: number) => Promise<void>;
  /**
   * Whether the person is there to touch the authenticator. Present, it answers at once — also
   * the request /login makes for its email field's autofill, as if the person picked the passkey
   * there. A flow that means to type a password on /login goes there absent, and comes back
   * before it clicks a passkey button: a request made while absent stays unanswered.
   */
  setUserPresent: (present: boolean) => Promise<void>;
};

/**
 * Waits until /login's autofill request is with the browser. A request made while the person is
 * absent stays unanswered; one made after they are back is answered at once. So a flow that
 * arrives at /login absent waits for this before it comes back.
 */
export async function autofillWaiting(page: Page): Promise<void> {
  await expect(page.locator("form[data-passkey-autofill=waiting]")).toBeAttached();
}

/**
 * Chromium's virtual authenticator through the DevTools protocol: a platform authenticator with
 * resident keys and user verification that always says yes — a real WebAuthn ceremony, no mock.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials as VirtualCredential[];
  return {
    cdp,
    authenticatorId,
    credentials,
    addCredential: async (credential) => {
      await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
    },
    setUserPresent: async (present) => {
      await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled: present });
    },
    // There is no "set counter" call: the credential is put back with the count wanted.
    setSignCount: async (credentialId, signCount) => {
      const credential = (await credentials()).find((candidate) => candidate.credentialId === credentialId);
      if (!credential) throw new Error(`No credential ${credentialId} in the virtual authenticator`);
      await cdp.send("WebAuthn.removeCredential", { authenticatorId, credentialId });
      await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: { ...credential, signCount } });
    },
  };
}

