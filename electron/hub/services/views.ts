import { AppError } from '../../../shared/api/errors';
import { programmeSchema } from '../../../shared/hub/agreement';
import { reasonFactSchema } from '../../../shared/tiers/reasons';
import {
  assembleDashboard,
  sortCases,
  type CaseFacts,
  type InstallationFacts,
  type MonthFacts,
} from '../../../shared/hub/figures';
import {
  hubFilterSchema,
  type DistrictDashboard,
  type HubCaseList,
  type HubCaseRow,
  type HubFilter,
  type HubLevel,
} from '../../../shared/hub/views';
import { z } from 'zod';
import type { HubDb, HubQueries } from '../db/hub-db';
import { withScope } from './scoped';
import { scopeInstallationIds, type HubUser } from './users';

/**
 * The district's views: the dashboard (sums of the installations' aggregates and open cases, cut
 * to the user's scope and the filter) and an installation's pseudonymous case list. The sums are
 * done in SQL: triggers keep them per installation and month, and per installation and due day
 * (migration 0003), so the dashboard reads a few rows per installation and stays fast at 3 M
 * screenings; shared/hub/figures.ts turns those rows into the dashboard.
 *
 * Scope is the first fence: every query names the installations the user may see. Row-level
 * security is the second: the reads run through `withScope` (scoped.ts) as the reader role.
 */

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Input checked at the service, refused as `invalid_input` with where it is wrong. */
function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', `invalid ${what}`, {
    issues: parsed.error.issues.map((i) => ({ path: [what, ...i.path].join('.'), message: i.message })),
  });
}

interface InstallationRow {
  id: string;
  name: string;
  programme: string;
  township: string | null;
  status: InstallationFacts['status'];
  last_bundle_at: string | null;
  last_received_at: string | null;
  names_shared: boolean | null;
  people: number;
  levels: unknown;
}

const levelsSchema = z.array(
  z.object({ id: z.string(), name: z.object({ zh: z.string(), en: z.string() }), colour: z.string() }),
);
/** The stored legend (written by ingest from a validated bundle); an unreadable one counts as none. */
const legendOf = (value: unknown): HubLevel[] => {
  const parsed = levelsSchema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : [];
};

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const INSTALLATION_COLUMNS = `id::text, name, programme, township, status,
  to_char(last_created_at AT TIME ZONE 'UTC', ${ISO}) AS last_bundle_at,
  to_char(last_received_at AT TIME ZONE 'UTC', ${ISO}) AS last_received_at,
  (agreement->>'names')::boolean AS names_shared, people, levels`;

function toFacts(row: InstallationRow): InstallationFacts {
  return {
    id: row.id,
    name: row.name,
    programme: programmeSchema.parse(row.programme),
    township: row.township,
    status: row.status,
    lastBundleAt: row.last_bundle_at,
    lastReceivedAt: row.last_received_at,
    namesShared: row.names_shared === true,
    people: row.people,
    levels: legendOf(row.levels),
  };
}

/** The installations the user sees, narrowed by the filter's township and installation. */
async function installationsInView(
  q: HubQueries,
  scope: string[] | null,
  filter: HubFilter,
): Promise<InstallationFacts[]> {
  const rows = await q.query<InstallationRow>(
    `SELECT ${INSTALLATION_COLUMNS} FROM installations
     WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR township = $2)
       AND ($3::uuid IS NULL OR id = $3::uuid)`,
    [scope, filter.township ?? null, filter.installationId ?? null],
  );
  return rows.map(toFacts);
}

/**
 * Sums per installation and month, from the roll-up the triggers keep (migration 0003): a few rows
 * per installation, whatever the number of classes and screenings behind them.
 */
async function monthFacts(q: HubQueries, ids: string[] | null, filter: HubFilter): Promise<MonthFacts[]> {
  const rows = await q.query<{
    installation_id: string;
    month: string;
    expected: number;
    screened: number;
    declined: number;
    critical: number;
    referred: number;
    attended: number;
    levels: unknown;
  }>(
    `SELECT installation_id::text AS installation_id, month, expected::int, screened::int, declined::int,
       critical::int, referred::int, attended::int, levels
     FROM aggregate_months
     WHERE ($1::uuid[] IS NULL OR installation_id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR month >= $2) AND ($3::text IS NULL OR month <= $3)`,
    [ids, filter.from ?? null, filter.to ?? null],
  );
  return rows.map(({ installation_id, levels, ...counts }) => ({
    installationId: installation_id,
    ...counts,
    levels: levelCounts(levels),
  }));
}

const levelCountsSchema = z.record(z.string(), z.number().int());
const levelCounts = (value: unknown): Record<string, number> => {
  const parsed = levelCountsSchema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : {};
};

/**
 * Open cases per installation, and those with an overdue safety check or next action as of
 * `today`: sums over the due days before it (the case_days roll-up), not a read of every case.
 */
async function caseFacts(q: HubQueries, ids: string[] | null, today: string): Promise<CaseFacts[]> {
  const rows = await q.query<{ id: string; open: number; safety: number; tasks: number }>(
    `SELECT installation_id::text AS id, sum(next_due)::int AS open,
       coalesce(sum(safety_due) FILTER (WHERE day < $2::date), 0)::int AS safety,
       coalesce(sum(next_due) FILTER (WHERE day < $2::date), 0)::int AS tasks
     FROM case_days
     WHERE ($1::uuid[] IS NULL OR installation_id = ANY($1::uuid[]))
     GROUP BY installation_id`,
    [ids, today],
  );
  return rows.map((r) => ({
    installationId: r.id,
    openCases: r.open,
    overdueSafetyChecks: r.safety,
    overdueTasks: r.tasks,
  }));
}

async function hubName(q: HubQueries): Promise<string> {
  const [row] = await q.query<{ name: string }>('SELECT name FROM hub');
  return row?.name ?? '';
}

/** The district dashboard for `user`, cut to the filter, with overdue work reckoned as of `today`. */
export async function districtDashboard(
  db: HubDb,
  user: HubUser,
  filter: HubFilter,
  today: string,
): Promise<DistrictDashboard> {
  const cut = parseInput(hubFilterSchema, filter, 'filter');
  const day = parseInput(dateSchema, today, 'today');
  const scope = await scopeInstallationIds(db, user);
  return withScope(db, scope, async (q) => {
    const installations = await installationsInView(q, scope, cut);
    // The whole district unfiltered needs no id list: the sums then scan each table once.
    const narrowed = scope !== null || cut.township !== undefined || cut.installationId !== undefined;
    const ids = narrowed ? installations.map((i) => i.id) : null;
    // One after another: inside the scoped transaction they share one connection.
    const months = await monthFacts(q, ids, cut);
    const cases = await caseFacts(q, ids, day);
    const name = await hubName(q);
    return assembleDashboard({ hubName: name, today: day, installations, months, cases });
  });
}

interface CaseRow {
  ref: string;
  person: string;
  status: HubCaseRow['status'];
  level: string | null;
  purple: boolean;
  reasons: unknown;
  opened_on: string;
  ended_on: string | null;
  next_task_kind: string | null;
  next_due_on: string | null;
  safety_check_due_on: string | null;
  referral: HubCaseRow['referral'];
  outcome: string | null;
  name: string | null;
  grade: string | null;
  class_name: string | null;
}

const reasonsSchema = z.array(reasonFactSchema);

function toCase(row: CaseRow, today: string): HubCaseRow {
  const open = row.status === 'open';
  const reasons = reasonsSchema.safeParse(
    typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons,
  );
  return {
    ref: row.ref,
    person: row.person,
    status: row.status,
    level: row.level,
    purple: row.purple,
    reasons: reasons.success ? reasons.data : [],
    openedOn: row.opened_on,
    endedOn: row.ended_on,
    nextTask:
      row.next_task_kind && row.next_due_on ? { kind: row.next_task_kind, dueOn: row.next_due_on } : null,
    overdue: open && row.next_due_on !== null && row.next_due_on < today,
    safetyCheckDueOn: row.safety_check_due_on,
    safetyCheckOverdue: open && row.safety_check_due_on !== null && row.safety_check_due_on < today,
    referral: row.referral,
    outcome: row.outcome,
    // Names travel only where the installation's agreement shares them; the row has them or not.
    ...(row.name !== null ? { name: row.name } : {}),
    ...(row.grade !== null ? { grade: row.grade } : {}),
    ...(row.class_name !== null ? { className: row.class_name } : {}),
  };
}

/**
 * One installation's pseudonymous case list. A viewer sees figures only; an installation outside
 * the user's scope is refused exactly as one that does not exist, so ids cannot be probed.
 */
export async function installationCases(
  db: HubDb,
  user: HubUser,
  installationId: string,
  today: string,
): Promise<HubCaseList> {
  if (user.role === 'viewer') throw new AppError('forbidden', 'viewers see figures, not case lists');
  const day = parseInput(dateSchema, today, 'today');
  const id = z.string().uuid().safeParse(installationId);
  const notFound = () => new AppError('not_found', 'no such installation');
  if (!id.success) throw notFound();
  const scope = await scopeInstallationIds(db, user);
  if (scope !== null && !scope.includes(id.data)) throw notFound();
  return withScope(db, scope, async (q) => {
    const [installation] = await installationsInView(q, scope, { installationId: id.data });
    if (!installation) throw notFound();
    const rows = await q.query<CaseRow>(
      `SELECT ref, person, status, level, purple, reasons, opened_on::text AS opened_on, ended_on::text AS ended_on,
         next_task_kind, next_due_on::text AS next_due_on, safety_check_due_on::text AS safety_check_due_on,
         referral, outcome, name, grade, class_name
       FROM cases WHERE installation_id = $1::uuid`,
      [id.data],
    );
    return {
      installation: {
        id: installation.id,
        name: installation.name,
        programme: installation.programme,
        township: installation.township,
        namesShared: installation.namesShared,
      },
      levels: installation.levels,
      cases: sortCases(
        rows.map((r) => toCase(r, day)),
        installation.levels,
      ),
    };
  });
}
