import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { newHubKeys } from '../../security/bundle-crypto';
import { newRecoveryCode, normaliseRecoveryCode } from '../../services/keyring';
import type { HubDb } from '../db/hub-db';
import { appendHubAudit } from './audit';
import { hubKeysExist, writeHubKeys } from './keys';
import { createHubUser, hashPassword, passwordMatches, type HubUser, type NewHubUser } from './users';

export interface HubInit {
  name: string;
  adminUsername: string;
  adminPassword: string;
}

/**
 * Creates the hub: its row, its keys (DIR/hub-keys.json), a district-wide administrator and a
 * recovery code for that administrator's password (only the code's scrypt hash is kept).
 * Refused (`already_set_up`) when the database or the folder already holds a hub.
 */
export async function initHub(
  db: HubDb,
  dataDir: string,
  input: HubInit,
): Promise<{ hubId: string; recoveryCode: string }> {
  if (hubKeysExist(dataDir))
    throw new AppError('already_set_up', `${dataDir} already holds a hub (hub-keys.json).`);
  const hubId = randomUUID();
  const recoveryCode = newRecoveryCode();
  const recoveryHash = await hashPassword(normaliseRecoveryCode(recoveryCode));
  const pair = newHubKeys();
  await db.transaction(async (tx) => {
    // The singleton key makes a second hub row impossible, even from two inits at once.
    const inserted = await tx.query(
      `INSERT INTO hub (id, name, public_key, recovery_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (singleton) DO NOTHING RETURNING id`,
      [hubId, input.name, pair.publicKey, recoveryHash],
    );
    if (inserted.length === 0) throw new AppError('already_set_up', 'This database already holds a hub.');
    await createHubUser(tx, {
      username: input.adminUsername,
      displayName: input.adminUsername,
      role: 'district_admin',
      scope: { kind: 'district' },
      password: input.adminPassword,
    });
    await appendHubAudit(tx, {
      actor: `cli:${input.adminUsername}`,
      action: 'hub.init',
      detail: { hubId, name: input.name },
    });
    // Written last inside the transaction: if it fails, the database holds no half-made hub.
    writeHubKeys(dataDir, { hubId, ...pair });
  });
  return { hubId, recoveryCode };
}

export interface HubInfo {
  hubId: string;
  name: string;
  publicKey: string;
}

export async function hubInfo(db: HubDb): Promise<HubInfo> {
  const [row] = await db.query<{ id: string; name: string; public_key: string }>(
    'SELECT id::text AS id, name, public_key FROM hub',
  );
  if (!row) throw new AppError('not_set_up', 'The database holds no hub yet.');
  return { hubId: row.id, name: row.name, publicKey: row.public_key };
}

/**
 * A forgotten administrator password: the recovery code sets a new one and is replaced by a new
 * code (the old one stops working). Only a district administrator's password can be reset so.
 */
export async function recoverHubAdmin(
  db: HubDb,
  input: { recoveryCode: string; username: string; newPassword: string },
): Promise<{ username: string; recoveryCode: string }> {
  const [hub] = await db.query<{ recovery_hash: string | null }>('SELECT recovery_hash FROM hub');
  if (!hub) throw new AppError('not_set_up', 'The database holds no hub yet.');
  const matches =
    hub.recovery_hash !== null &&
    (await passwordMatches(normaliseRecoveryCode(input.recoveryCode), hub.recovery_hash));
  if (!matches) throw new AppError('wrong_password', 'The recovery code does not match.');
  const recoveryCode = newRecoveryCode();
  const recoveryHash = await hashPassword(normaliseRecoveryCode(recoveryCode));
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE hub_users SET password_hash = $2, active = true
        WHERE username = $1 AND role = 'district_admin' RETURNING id`,
      [input.username, passwordHash],
    );
    if (updated.length === 0)
      throw new AppError('not_found', `No district administrator named ${input.username}.`);
    await tx.query('UPDATE hub SET recovery_hash = $1', [recoveryHash]);
    await tx.query(
      'DELETE FROM hub_sessions WHERE user_id = (SELECT id FROM hub_users WHERE username = $1)',
      [input.username],
    );
    await appendHubAudit(tx, {
      actor: `cli:${input.username}`,
      action: 'hub.recover',
      detail: { username: input.username },
    });
  });
  return { username: input.username, recoveryCode };
}

/** A new hub account (`conflict` when the name is taken), in the audit. */
export async function addHubUser(db: HubDb, input: NewHubUser, actor: string): Promise<HubUser> {
  return db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM hub_users WHERE username = $1', [input.username]);
    if (exists.length > 0) throw new AppError('conflict', `A hub user named ${input.username} exists.`);
    const user = await createHubUser(tx, input);
    await appendHubAudit(tx, {
      actor,
      action: 'user.add',
      detail: { username: user.username, role: user.role, scope: user.scope },
    });
    return user;
  });
}
