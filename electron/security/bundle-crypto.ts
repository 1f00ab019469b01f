import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  createCipheriv,
  createDecipheriv,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';

/**
 * The report bundle's envelope: signed by the installation (Ed25519), encrypted to the hub
 * (ephemeral X25519 → HKDF-SHA256 → AES-256-GCM). One way: the installation needs nothing back.
 *
 * File: JSON `{ format, hubId, installationId, ephemeralKey, iv, ciphertext, tag }`; the header
 * fields are the cipher's associated data, so a bundle cannot be re-addressed to another
 * installation. Inside: the payload's JSON text, its signature, the signing key and the enrolment
 * MAC (HMAC-SHA256 under the invitation's one-time secret over the signing key), which every bundle
 * carries because nothing tells the installation which of its bundles reached the hub first.
 *
 * Keys travel as raw 32-byte values in base64.
 */
export const ENVELOPE_FORMAT = 'anxin-bundle-envelope/1';

export class BundleCryptoError extends Error {
  constructor(readonly reason: 'malformed' | 'tampered' | 'bad_signature' | 'bad_enrolment') {
    super(reason);
  }
}

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

const b64 = (b: Buffer): string => b.toString('base64');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64');
const b64url = (s: string): string => unb64(s).toString('base64url');

function newKeyPair(type: 'x25519' | 'ed25519'): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync(type as 'x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64'),
    privateKey: Buffer.from(jwk.d!, 'base64url').toString('base64'),
  };
}

/** The hub's encryption keys (X25519). */
export const newHubKeys = (): KeyPair => newKeyPair('x25519');
/** An installation's signing keys (Ed25519). */
export const newSigningKeys = (): KeyPair => newKeyPair('ed25519');
export const newSecret = (): string => b64(randomBytes(32));

function publicKeyOf(raw: string, crv: 'X25519' | 'Ed25519'): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv, x: b64url(raw) }, format: 'jwk' });
}
function privateKeyOf(pair: KeyPair, crv: 'X25519' | 'Ed25519'): KeyObject {
  return createPrivateKey({
    key: { kty: 'OKP', crv, x: b64url(pair.publicKey), d: b64url(pair.privateKey) },
    format: 'jwk',
  });
}

const envelopeSchema = z.strictObject({
  format: z.literal(ENVELOPE_FORMAT),
  hubId: z.string().uuid(),
  installationId: z.string().uuid(),
  ephemeralKey: z.string().max(100),
  iv: z.string().max(40),
  ciphertext: z.string(),
  tag: z.string().max(40),
});
export type EnvelopeHeader = Pick<z.infer<typeof envelopeSchema>, 'hubId' | 'installationId'>;

const innerSchema = z.strictObject({
  payload: z.string(),
  signature: z.string().max(200),
  signingKey: z.string().max(100),
  enrolmentMac: z.string().max(100),
});
export type OpenedBundle = z.infer<typeof innerSchema>;

function aad(
  e: Pick<z.infer<typeof envelopeSchema>, 'hubId' | 'installationId' | 'ephemeralKey' | 'iv'>,
): Buffer {
  return Buffer.from([ENVELOPE_FORMAT, e.hubId, e.installationId, e.ephemeralKey, e.iv].join('|'));
}

function sessionKey(shared: Buffer, ephemeralKey: string, hubPublicKey: string): Buffer {
  const salt = Buffer.concat([unb64(ephemeralKey), unb64(hubPublicKey)]);
  return Buffer.from(hkdfSync('sha256', shared, salt, ENVELOPE_FORMAT, 32));
}

export function enrolmentMac(secret: string, installationId: string, signingKey: string): string {
  return b64(
    createHmac('sha256', unb64(secret)).update(`anxin-enrol|${installationId}|${signingKey}`).digest(),
  );
}

export interface SealInput {
  payloadJson: string;
  hubId: string;
  installationId: string;
  hubPublicKey: string;
  signing: KeyPair;
  enrolmentSecret: string;
}

export function sealBundle(input: SealInput): Buffer {
  const payload = Buffer.from(input.payloadJson, 'utf8');
  const inner: OpenedBundle = {
    payload: input.payloadJson,
    signature: b64(sign(null, payload, privateKeyOf(input.signing, 'Ed25519'))),
    signingKey: input.signing.publicKey,
    enrolmentMac: enrolmentMac(input.enrolmentSecret, input.installationId, input.signing.publicKey),
  };
  const ephemeral = newHubKeys();
  const shared = diffieHellman({
    privateKey: privateKeyOf(ephemeral, 'X25519'),
    publicKey: publicKeyOf(input.hubPublicKey, 'X25519'),
  });
  const iv = randomBytes(12);
  const head = {
    hubId: input.hubId,
    installationId: input.installationId,
    ephemeralKey: ephemeral.publicKey,
    iv: b64(iv),
  };
  const cipher = createCipheriv(
    'aes-256-gcm',
    sessionKey(shared, ephemeral.publicKey, input.hubPublicKey),
    iv,
  );
  cipher.setAAD(aad(head));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(inner), 'utf8'), cipher.final()]);
  const envelope = {
    format: ENVELOPE_FORMAT,
    ...head,
    ciphertext: b64(ciphertext),
    tag: b64(cipher.getAuthTag()),
  };
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

function parseEnvelope(file: Buffer): z.infer<typeof envelopeSchema> {
  let json: unknown;
  try {
    json = JSON.parse(file.toString('utf8'));
  } catch {
    throw new BundleCryptoError('malformed');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new BundleCryptoError('malformed');
  return parsed.data;
}

/** Who the bundle says it is from, before anything is decrypted (to find the installation). */
export function readEnvelopeHeader(file: Buffer): EnvelopeHeader {
  const { hubId, installationId } = parseEnvelope(file);
  return { hubId, installationId };
}

/** Decrypts with the hub's keys; any flipped byte fails the AES-GCM tag and is `tampered`. */
export function openBundle(file: Buffer, hub: KeyPair): OpenedBundle {
  const e = parseEnvelope(file);
  try {
    const shared = diffieHellman({
      privateKey: privateKeyOf(hub, 'X25519'),
      publicKey: publicKeyOf(e.ephemeralKey, 'X25519'),
    });
    const decipher = createDecipheriv(
      'aes-256-gcm',
      sessionKey(shared, e.ephemeralKey, hub.publicKey),
      unb64(e.iv),
    );
    decipher.setAAD(aad(e));
    decipher.setAuthTag(unb64(e.tag));
    const plain = Buffer.concat([decipher.update(unb64(e.ciphertext)), decipher.final()]).toString('utf8');
    const inner = innerSchema.safeParse(JSON.parse(plain));
    if (!inner.success) throw new BundleCryptoError('malformed');
    return inner.data;
  } catch (error) {
    if (error instanceof BundleCryptoError) throw error;
    throw new BundleCryptoError('tampered');
  }
}

/** The signature under the given (pinned or just-enrolled) key. */
export function signatureValid(opened: OpenedBundle, signingKey: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(opened.payload, 'utf8'),
      publicKeyOf(signingKey, 'Ed25519'),
      unb64(opened.signature),
    );
  } catch {
    return false;
  }
}

/** The enrolment MAC proves the signing key came from the holder of the invitation's secret. */
export function enrolmentValid(opened: OpenedBundle, secret: string, installationId: string): boolean {
  const expected = unb64(enrolmentMac(secret, installationId, opened.signingKey));
  const given = unb64(opened.enrolmentMac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
