import { z } from 'zod';
import { agreementSchema } from './agreement';

/**
 * The one-time invitation file `anxin hub invite` writes for a named installation. It holds no
 * secret of the hub's: its public keys, the installation's id, and a one-time secret that
 * authenticates the installation's own public key in its first bundle (the hub then pins that key).
 * Nothing travels back: the installation enrols from this file alone.
 */
export const INVITE_FORMAT = 'anxin-hub-invite/1';

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/)
  .max(200);

export const inviteSchema = z.strictObject({
  format: z.literal(INVITE_FORMAT),
  hubId: z.string().uuid(),
  hubName: z.string().min(1).max(100),
  /** X25519 public key (raw 32 bytes, base64) the bundles are encrypted to. */
  hubPublicKey: base64,
  installationId: z.string().uuid(),
  installationName: z.string().min(1).max(100),
  /** The township (乡镇/街道) the installation belongs to, when the hub groups by it. */
  township: z.string().max(60).nullable(),
  /** One-time secret (32 random bytes, base64): the first bundle's key is authenticated with it. */
  secret: base64,
  agreement: agreementSchema,
  /** Where `上报` may push bundles over HTTPS when the network allows (optional). */
  uploadUrl: z.string().url().max(300).nullable(),
  issuedAt: z.string().datetime(),
});
export type HubInvite = z.infer<typeof inviteSchema>;
