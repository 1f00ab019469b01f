import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * Field-level encryption of clinical content, without I/O. Two layers keep the number of
 * public-key operations tiny:
 *  - a clinical X25519 key pair: the public key lives in the database so any process can write;
 *    the private key only ever exists in memory (unwrapped for admin/psychologist users);
 *  - per writing process a random AES-256 "writer key", sealed once to the clinical public key
 *    (ephemeral ECDH + HKDF + AES-256-GCM); every field is then AES-256-GCM under that writer key,
 *    with associated data naming its table, column and row, so a value copied to another row or
 *    column fails to open.
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEAL_INFO = Buffer.from('anxin clinical writer key v1');
/** Stored field prefix: `c1.<writerKeyId>.<base64(iv | ciphertext | tag)>`. */
export const FIELD_PREFIX = 'c1.';

export interface ClinicalKeyPair {
  publicKey: Buffer;
  privateKey: Buffer;
}

const b64u = (b: Buffer) => b.toString('base64url');

function publicKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== KEY_BYTES) throw new Error('clinical public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(raw) }, format: 'jwk' });
}

// PKCS#8 prefix of an X25519 private key (RFC 8410), followed by the 32 raw bytes.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

function privateKeyObject(raw: Buffer): KeyObject {
  if (raw.length !== KEY_BYTES) throw new Error('clinical private key must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

/** The public half of a raw X25519 private key. */
export function publicKeyOf(privateKey: Buffer): Buffer {
  return rawPublic(createPublicKey(privateKeyObject(privateKey)));
}

export function generateClinicalKeyPair(): ClinicalKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: rawPublic(publicKey),
    privateKey: Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'),
  };
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function gcmDecrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('clinical ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

function sealKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), SEAL_INFO, KEY_BYTES));
}

/**
 * Seals a small secret (a writer key) to an X25519 public key: `ephemeralPublic | iv | ct | tag`.
 * `aad` binds it to where it is stored (the writer key's row and clinical key id).
 */
export function sealToPublicKey(recipient: Buffer, secret: Buffer, aad: string): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublic(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipient) });
  const key = sealKey(shared, ephemeralPublic, recipient);
  return Buffer.concat([ephemeralPublic, gcmEncrypt(key, secret, Buffer.from(aad))]);
}

/** Opens what `sealToPublicKey` sealed; throws on a wrong key or any changed byte. */
export function openSealed(privateKey: Buffer, sealed: Buffer, aad: string): Buffer {
  const ephemeralPublic = sealed.subarray(0, KEY_BYTES);
  const shared = diffieHellman({
    privateKey: privateKeyObject(privateKey),
    publicKey: publicKeyObject(Buffer.from(ephemeralPublic)),
  });
  const key = sealKey(shared, Buffer.from(ephemeralPublic), publicKeyOf(privateKey));
  return gcmDecrypt(key, sealed.subarray(KEY_BYTES), Buffer.from(aad));
}

export function randomWriterKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** One field under a writer key, as stored: `c1.<writerKeyId>.<base64>`. */
export function encryptField(writerKeyId: number, writerKey: Buffer, aad: string, plaintext: string): string {
  return `${FIELD_PREFIX}${writerKeyId}.${gcmEncrypt(writerKey, Buffer.from(plaintext, 'utf8'), Buffer.from(aad)).toString('base64')}`;
}

/** The writer key id of a stored field, or null when the text is not a sealed field (legacy plaintext). */
export function fieldWriterKeyId(stored: string): number | null {
  if (!stored.startsWith(FIELD_PREFIX)) return null;
  const dot = stored.indexOf('.', FIELD_PREFIX.length);
  if (dot < 0) return null;
  const id = Number(stored.slice(FIELD_PREFIX.length, dot));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Decrypts a stored field with its writer key; throws on tampering or a different row's AAD. */
export function decryptField(writerKey: Buffer, aad: string, stored: string): string {
  const dot = stored.indexOf('.', FIELD_PREFIX.length);
  return gcmDecrypt(writerKey, Buffer.from(stored.slice(dot + 1), 'base64'), Buffer.from(aad)).toString(
    'utf8',
  );
}

export const isSealedField = (value: unknown): value is string =>
  typeof value === 'string' && fieldWriterKeyId(value) !== null;
