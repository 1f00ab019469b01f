import { z } from 'zod';
import type { PersonEvent } from '../../../shared/api/people';
import type { Db } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { nowIso } from '../../db/database';
import { statement } from '../../db/statements';
import { noteAad, openText, sealText } from '../clinical/vault';

/** One field's change, as person_events.changes stores a list of them. */
export const fieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;
export const fieldChangesColumn = z.array(fieldChangeSchema);

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
    // A note is clinical content (sealed); other events' text (an import's note) stays readable.
    details.text === undefined
      ? null
      : kind === 'note'
        ? sealText(db, noteAad(personId, at), details.text)
        : details.text,
    details.changes?.length ? JSON.stringify(details.changes) : null,
  );
}

// People per multi-row INSERT when an import records the same event for thousands (4 parameters each).
const EVENT_BATCH = 256;
const BATCH_SQL = `INSERT INTO person_events (person_id, at, kind, user_id) VALUES ${Array<string>(EVENT_BATCH).fill('(?, ?, ?, ?)').join(', ')}`;

/** The same event for many people at once (an import), without a statement run per person. */
export function recordEvents(
  db: Db,
  personIds: readonly number[],
  kind: PersonEvent['kind'],
  userId: number | null,
  at: string,
): void {
  let i = 0;
  for (; i + EVENT_BATCH <= personIds.length; i += EVENT_BATCH) {
    statement(db, BATCH_SQL).run(personIds.slice(i, i + EVENT_BATCH).flatMap((id) => [id, at, kind, userId]));
  }
  for (; i < personIds.length; i++) recordEvent(db, personIds[i]!, kind, userId, {}, at);
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
    .map((r) => ({
      ...r,
      text: r.kind === 'note' ? openText(db, noteAad(personId, r.at), r.text) : r.text,
      changes: r.changes ? parseJsonColumn(fieldChangesColumn, r.changes, 'person_events.changes') : [],
    }));
}
