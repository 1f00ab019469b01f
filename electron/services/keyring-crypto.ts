import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';
import {
  generateClinicalKeyPair,
  openSealed as openSealedBox,
  publicKeyOf,
  sealToPublicKey,
} from './clinical/crypto';

/**
 * The keyring's primitives, kept apart from its files: a password-derived key wraps a secret
 * (AES-256-GCM with associated data that names whose secret it is), and a secret can be sealed
 * to an X25519 public key (the same sealed box the clinical fields' writer keys use), so an
 * administrator can hand a new data key to every remaining user without knowing their passwords.
 */

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export interface Wrapped {
  kdf: KdfParams;
  salt: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface KeyPair {
  publicKey: Buffer;
  privateKey: Buffer;
}

export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function deriveKey(secret: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function gcmSeal(
  key: Buffer,
  plaintext: Buffer,
  aad: string,
): { iv: string; ciphertext: string; tag: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Null when the key is wrong or anything (ciphertext, tag, associated data) was changed. */
function gcmOpen(
  key: Buffer,
  box: { iv: string; ciphertext: string; tag: string },
  aad: string,
): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.ciphertext)), decipher.final()]);
  } catch {
    return null;
  }
}

export async function wrapSecret(
  secret: Buffer,
  password: string,
  aad: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<Wrapped> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, kdf);
  try {
    return { kdf, salt: b64(salt), ...gcmSeal(key, secret, aad) };
  } finally {
    key.fill(0);
  }
}

/** The wrapped secret, or null when the password is wrong or the entry is not this user's. */
export async function unwrapSecret(entry: Wrapped, password: string, aad: string): Promise<Buffer | null> {
  const key = await deriveKey(password, unb64(entry.salt), entry.kdf);
  try {
    return gcmOpen(key, entry, aad);
  } finally {
    key.fill(0);
  }
}

/** A secret sealed to a key pair's public key, as base64 (the clinical module's sealed box). */
export type Sealed = string;

export const newKeyPair = (): KeyPair => generateClinicalKeyPair();
export { publicKeyOf };

export function sealTo(recipientPublicKey: Buffer, secret: Buffer, aad: string): Sealed {
  return sealToPublicKey(recipientPublicKey, secret, aad).toString('base64');
}

/** Null when the key is not the recipient's or anything was changed. */
export function openSealed(privateKey: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    return openSealedBox(privateKey, Buffer.from(sealed, 'base64'), aad);
  } catch {
    return null;
  }
}
