import { argon2Hash, argon2NeedsRehash, argon2Verify } from "../crypto/argon2";
import { normalizePassword } from "../input/password-rules";

/** Every stored password hash is of the NFKC form (ADR 0018): the same password typed on another keyboard matches. */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(normalizePassword(password));
}

export type PasswordCheck = { matches: boolean; needsRehash: boolean };

/**
 * The NFKC form first; a hash stored before passwords were normalised was made from the form
 * as typed, so that is tried second — only when the two differ, so ASCII and most passwords
 * cost one verify, as before — and a match there asks for a rehash of the NFKC form. A dummy
 * hash (an unknown email) takes the same path, so the second verify says nothing about the account.
 */
export async function verifyPassword(options: { storedHash: string; password: string }): Promise<PasswordCheck> {
  const normalized = normalizePassword(options.password);
  if (await argon2Verify({ hash: options.storedHash, password: normalized })) return { matches: true, needsRehash: argon2NeedsRehash(options.storedHash) };
  if (normalized !== options.password && (await argon2Verify({ hash: options.storedHash, password: options.password }))) return { matches: true, needsRehash: true };
  return { matches: false, needsRehash: false };
}
