import type { Role } from '../../../shared/api/auth';
import type { Db } from '../../db/database';
import { getSetting, setSetting } from '../settings';
import { generateClinicalKeyPair } from './crypto';
import { hasClinicalPublicKey, installClinicalPublicKey, openClinical, sealLegacyPlaintext } from './vault';

/** Roles whose sessions hold the clinical private key: they read answers, notes and diagnoses. */
export const CLINICAL_READER_ROLES: readonly Role[] = ['admin', 'psychologist'];

// INTERIM: replaced by keyring grants. Until the keyring wraps the clinical private key for
// admin/psychologist users, it is kept in a settings row, i.e. under the data key only: this
// hook exists so the rest of field encryption runs end to end; it does NOT yet protect clinical
// content from someone holding the data key.
const INTERIM_PRIVATE_KEY = 'clinical.interimPrivateKey';

/**
 * Called once per session start (set-up, log-in): makes sure the database has a clinical key,
 * seals any clinical plaintext left from before, and opens this connection's vault with the
 * private key for clinical roles, without it for everyone else.
 */
export function clinicalOnSession(db: Db, user: { role: Role }): void {
  if (!hasClinicalPublicKey(db)) {
    const pair = generateClinicalKeyPair();
    db.transaction(() => {
      installClinicalPublicKey(db, pair.publicKey);
      // INTERIM: replaced by keyring grants
      setSetting(db, INTERIM_PRIVATE_KEY, pair.privateKey.toString('base64'));
    })();
    pair.privateKey.fill(0);
  }
  sealLegacyPlaintext(db);
  const stored = CLINICAL_READER_ROLES.includes(user.role) ? getSetting(db, INTERIM_PRIVATE_KEY) : null;
  const privateKey = stored ? Buffer.from(stored, 'base64') : null;
  openClinical(db, privateKey);
  privateKey?.fill(0);
}
