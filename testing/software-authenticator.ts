// A FIDO2 authenticator in software for the lib/passkeys unit tests: it makes a P-256 key pair
// and answers registration ("none" attestation) and authentication exactly as the WebAuthn spec
// lays the bytes out, so @simplewebauthn/server verifies real signatures. The browser flows
// (e2e/) use Chromium's virtual authenticator instead.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const flags = { userPresent: 0x01, userVerified: 0x04, attestedCredentialData: 0x40 } as const;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest();

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  /** The signature counter the next assertion carries (a real authenticator increments it). */
  signCount = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(private readonly userHandle: Uint8Array = randomBytes(16)) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private cosePublicKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  private authenticatorData(options: { rpId: string; userVerified: boolean; attested: boolean; counter: number }): Buffer {
    const flagByte = flags.userPresent | (options.userVerified ? flags.userVerified : 0) | (options.attested ? flags.attestedCredentialData : 0);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(options.counter);
    const parts: Uint8Array[] = [sha256(options.rpId), Buffer.from([flagByte]), counter];
    if (options.attested) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), idLength, this.credentialId, this.cosePublicKey());
    }
    return Buffer.concat(parts);
  }

  register(options: { challenge: string; origin: string; rpId: string; userVerified?: boolean }): RegistrationResponseJSON {
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: options.origin, crossOrigin: false }));
    const authData = this.authenticatorData({ rpId: options.rpId, userVerified: options.userVerified ?? true, attested: true, counter: this.signCount });
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
    };
  }

  /** An assertion over `challenge`; the counter moves forward first, unless told which to send. */
  assert(options: { challenge: string; origin: string; rpId: string; userVerified?: boolean; counter?: number }): AuthenticationResponseJSON {
    const counter = options.counter ?? ++this.signCount;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: options.origin, crossOrigin: false }));
    const authData = this.authenticatorData({ rpId: options.rpId, userVerified: options.userVerified ?? true, attested: false, counter });
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: b64url(this.userHandle) },
      clientExtensionResults: {},
    };
  }
}
