import type { DatabaseInfo } from '../../shared/api/contract';
import type { Db } from '../db/database';
import { latestSchemaVersion, schemaVersion } from '../db/migrations';

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

export function databaseInfo(db: Db): DatabaseInfo {
  return {
    schemaVersion: schemaVersion(db),
    latestSchemaVersion,
    counts: {
      users: count(db, 'SELECT count(*) AS n FROM users'),
      students: count(db, "SELECT count(*) AS n FROM people WHERE kind = 'student'"),
    },
    cipher: String(db.pragma('cipher', { simple: true })),
  };
}
