import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt as scryptCb,
  type KeyObject,
  type ScryptOptions,
} from 'node:crypto';

/**
 * The keyring's primitives, kept apart from its files: a password-derived key wraps a secret
 * (AES-256-GCM with associated data that names whose secret it is), and a secret can be sealed
 * to an X25519 public key, so an administrator can hand a new data key to every remaining user
 * without knowing their passwords.
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

/** A secret sealed to a public key: the sender's one-time public key, then AES-256-GCM. */
export interface Sealed {
  epk: string;
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

// DER headers that turn a raw 32-byte X25519 key into the forms node:crypto imports.
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

const publicKeyObject = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
const privateKeyObject = (raw: Buffer): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_X25519.length),
  };
}

/** The raw public key of a raw private key (to check that a stored pair belongs together). */
export function publicKeyOf(privateKey: Buffer): Buffer {
  return createPublicKey(privateKeyObject(privateKey))
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_X25519.length);
}

function sealKey(shared: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', shared, epk, Buffer.concat([Buffer.from('anxin/seal/1|'), recipient]), 32),
  );
}

export function sealTo(recipientPublicKey: Buffer, secret: Buffer, aad: string): Sealed {
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: publicKeyObject(recipientPublicKey),
  });
  const key = sealKey(shared, epk, recipientPublicKey);
  try {
    return { epk: b64(epk), ...gcmSeal(key, secret, aad) };
  } finally {
    key.fill(0);
    shared.fill(0);
  }
}

export function openSealed(privateKey: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const recipient = publicKeyOf(privateKey);
    const shared = diffieHellman({
      privateKey: privateKeyObject(privateKey),
      publicKey: publicKeyObject(unb64(sealed.epk)),
    });
    const key = sealKey(shared, unb64(sealed.epk), recipient);
    try {
      return gcmOpen(key, sealed, aad);
    } finally {
      key.fill(0);
      shared.fill(0);
    }
  } catch {
    return null;
  }
}
