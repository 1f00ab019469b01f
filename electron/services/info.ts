import type { DatabaseInfo } from '../../shared/api/contract';
import type { Db } from '../db/database';
import { latestSchemaVersion, schemaVersion } from '../db/migrations';

const count = (db: Db, table: 'users' | 'students'): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

export function databaseInfo(db: Db): DatabaseInfo {
  return {
    schemaVersion: schemaVersion(db),
    latestSchemaVersion,
    counts: { users: count(db, 'users'), students: count(db, 'students') },
    cipher: String(db.pragma('cipher', { simple: true })),
  };
}
