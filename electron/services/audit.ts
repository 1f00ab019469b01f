import type { Db } from '../db/database';
import { nowIso } from '../db/database';

/** Records who did what; never the personal data itself, only ids and counts. */
export function audit(
  db: Db,
  userId: number | null,
  action: string,
  subject?: string,
  detail?: unknown,
): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    nowIso(),
    userId,
    action,
    subject ?? null,
    detail === undefined ? null : JSON.stringify(detail),
  );
}
