import type { BundleAggregate, BundleCase, BundlePayload } from '../../../shared/hub/bundle';
import type { HubQueries } from '../db/hub-db';

/**
 * Applies one bundle's records, each on its own: a record is written when the bundle is newer
 * than the one that last wrote it — version = the bundle's createdAt in milliseconds, ties broken
 * by its sequence — so the same bundle twice, or bundles in any order, end in the same state.
 * Many rows per statement (jsonb_to_recordset): a 2,000-student bundle is two statements.
 *
 * Every bundle is a full snapshot of what the agreement shares, so the newest one also drops the
 * records it no longer holds (a campaign deleted, a person erased at the installation), and an
 * older one arriving late writes nothing: whatever order bundles arrive in, the hub ends holding
 * exactly the newest snapshot.
 */
export interface BundleVersion {
  version: number;
  sequence: number;
}

export const bundleVersion = (payload: BundlePayload): BundleVersion => ({
  version: Date.parse(payload.createdAt),
  sequence: payload.sequence,
});

const aggregateRow = (a: BundleAggregate) => ({
  key: a.key,
  campaign_ref: a.campaign?.ref ?? null,
  campaign_name: a.campaign?.name ?? null,
  starts_on: a.campaign?.startsOn ?? null,
  ends_on: a.campaign?.endsOn ?? null,
  grade: a.grade,
  class_name: a.className,
  time_point: a.timePoint,
  township: a.township,
  month: a.month,
  expected: a.expected,
  screened: a.screened,
  declined: a.declined,
  levels: a.levels,
  critical: a.critical,
  referred: a.referred,
  attended: a.attended,
});

const SAFETY_CHECK = 'safety_check';

/** The next action (earliest open task) and the earliest open safety check, for the views' indexes. */
export function caseDueDates(c: Pick<BundleCase, 'status' | 'tasks'>): {
  next_task_kind: string | null;
  next_due_on: string | null;
  safety_check_due_on: string | null;
} {
  const tasks = c.status === 'open' ? [...c.tasks].sort((x, y) => x.dueOn.localeCompare(y.dueOn)) : [];
  const next = tasks[0];
  const safety = tasks.find((t) => t.kind === SAFETY_CHECK);
  return {
    next_task_kind: next?.kind ?? null,
    next_due_on: next?.dueOn ?? null,
    safety_check_due_on: safety?.dueOn ?? null,
  };
}

const caseRow = (c: BundleCase) => ({
  ref: c.ref,
  person: c.person,
  status: c.status,
  level: c.level,
  purple: c.purple,
  reasons: c.reasons,
  opened_on: c.openedOn,
  ended_on: c.endedOn,
  tasks: c.tasks,
  ...caseDueDates(c),
  referral: c.referral,
  outcome: c.outcome,
  name: c.name ?? null,
  grade: c.grade ?? null,
  class_name: c.className ?? null,
});

/** Columns after the key, with their types in the recordset. */
const AGGREGATE_COLUMNS: [string, string][] = [
  ['campaign_ref', 'text'],
  ['campaign_name', 'text'],
  ['starts_on', 'date'],
  ['ends_on', 'date'],
  ['grade', 'text'],
  ['class_name', 'text'],
  ['time_point', 'text'],
  ['township', 'text'],
  ['month', 'text'],
  ['expected', 'integer'],
  ['screened', 'integer'],
  ['declined', 'integer'],
  ['levels', 'jsonb'],
  ['critical', 'integer'],
  ['referred', 'integer'],
  ['attended', 'integer'],
];

const CASE_COLUMNS: [string, string][] = [
  ['person', 'text'],
  ['status', 'text'],
  ['level', 'text'],
  ['purple', 'boolean'],
  ['reasons', 'jsonb'],
  ['opened_on', 'date'],
  ['ended_on', 'date'],
  ['tasks', 'jsonb'],
  ['next_task_kind', 'text'],
  ['next_due_on', 'date'],
  ['safety_check_due_on', 'date'],
  ['referral', 'text'],
  ['outcome', 'text'],
  ['name', 'text'],
  ['grade', 'text'],
  ['class_name', 'text'],
];

/** One statement: insert the rows, or supersede those an older bundle wrote; the count written. */
function upsertSql(table: string, key: string, columns: [string, string][]): string {
  const names = columns.map(([c]) => c);
  const recordset = [`${key} text`, ...columns.map(([c, t]) => `${c} ${t}`)].join(', ');
  return `WITH written AS (
    INSERT INTO ${table} (installation_id, ${key}, version, sequence, ${names.join(', ')})
    SELECT $2::uuid, r.${key}, $3::bigint, $4::integer, ${names.map((c) => `r.${c}`).join(', ')}
      FROM jsonb_to_recordset($1::jsonb) AS r(${recordset})
    ON CONFLICT (installation_id, ${key}) DO UPDATE SET
      version = EXCLUDED.version, sequence = EXCLUDED.sequence,
      ${names.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
    WHERE (${table}.version, ${table}.sequence) < (EXCLUDED.version, EXCLUDED.sequence)
    RETURNING 1)
  SELECT count(*)::int AS n FROM written`;
}

const AGGREGATES_SQL = upsertSql('aggregates', 'key', AGGREGATE_COLUMNS);
const CASES_SQL = upsertSql('cases', 'ref', CASE_COLUMNS);

/**
 * How many records the newest bundle wrote (new, or newer than what the hub held) or dropped.
 * Call only for the installation's newest bundle (applyInstallationFields says which).
 */
export async function applyRecords(
  tx: HubQueries,
  installationId: string,
  payload: BundlePayload,
): Promise<number> {
  const { version, sequence } = bundleVersion(payload);
  let changed = 0;
  for (const [sql, rows] of [
    [AGGREGATES_SQL, payload.aggregates.map(aggregateRow)],
    [CASES_SQL, payload.cases.map(caseRow)],
  ] as const) {
    if (rows.length === 0) continue;
    const [row] = await tx.query<{ n: number }>(sql, [
      JSON.stringify(rows),
      installationId,
      version,
      sequence,
    ]);
    changed += row?.n ?? 0;
  }
  // What an older snapshot wrote and this one no longer holds.
  for (const table of ['aggregates', 'cases']) {
    const [row] = await tx.query<{ n: number }>(
      `WITH dropped AS (
         DELETE FROM ${table} WHERE installation_id = $1::uuid AND (version, sequence) < ($2::bigint, $3::integer)
         RETURNING 1)
       SELECT count(*)::int AS n FROM dropped`,
      [installationId, version, sequence],
    );
    changed += row?.n ?? 0;
  }
  return changed;
}

/**
 * The installation's own fields (roster size, level legend, newest bundle) move only when this
 * bundle is its newest; `last_received_at` always. True when this bundle is the newest.
 */
export async function applyInstallationFields(
  tx: HubQueries,
  installationId: string,
  payload: BundlePayload,
): Promise<boolean> {
  const { version, sequence } = bundleVersion(payload);
  const rows = await tx.query(
    `UPDATE installations
        SET people = $2, levels = $3::jsonb, last_created_at = $4::timestamptz, last_sequence = $5
      WHERE id = $1::uuid
        AND (last_created_at IS NULL OR (last_created_at, last_sequence) < ($4::timestamptz, $5))
      RETURNING 1`,
    [
      installationId,
      payload.people,
      JSON.stringify(payload.levels),
      new Date(version).toISOString(),
      sequence,
    ],
  );
  await tx.query('UPDATE installations SET last_received_at = now() WHERE id = $1::uuid', [installationId]);
  return rows.length > 0;
}
