import type { PersonEvent } from '../../../shared/api/people';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export function recordEvent(
  db: Db,
  personId: number,
  kind: PersonEvent['kind'],
  userId: number | null,
  details: { text?: string; changes?: FieldChange[] } = {},
  at = nowIso(),
): void {
  statement(
    db,
    'INSERT INTO person_events (person_id, at, kind, user_id, text, changes) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    personId,
    at,
    kind,
    userId,
    details.text ?? null,
    details.changes?.length ? JSON.stringify(details.changes) : null,
  );
}

interface EventRow {
  id: number;
  at: string;
  kind: PersonEvent['kind'];
  by: string | null;
  text: string | null;
  changes: string | null;
}

export function personEvents(db: Db, personId: number): PersonEvent[] {
  return db
    .prepare<[number], EventRow>(
      `SELECT e.id, e.at, e.kind, u.display_name AS by, e.text, e.changes
       FROM person_events e LEFT JOIN users u ON u.id = e.user_id
       WHERE e.person_id = ? ORDER BY e.at DESC, e.id DESC`,
    )
    .all(personId)
    .map((r) => ({ ...r, changes: r.changes ? (JSON.parse(r.changes) as FieldChange[]) : [] }));
}
