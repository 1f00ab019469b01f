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
import { scopeInstallationIds, type HubUser } from './users';

/**
 * The district's views: the dashboard (sums of the installations' aggregates and open cases, cut
 * to the user's scope and the filter) and an installation's pseudonymous case list. Every sum is
 * done in SQL (GROUP BY installation and month, one pass over each table), so the answer stays fast
 * at 3 M screenings; shared/hub/figures.ts turns the few hundred summed rows into the dashboard.
 *
 * Scope is the first fence: every query names the installations the user may see. On the server
 * path core's row-level security is the second (see `readScoped`).
 */

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Runs the reads for one user. The installations are already cut to the user's scope in SQL.
 * TODO(integrator): when core's `withScope` lands, run `work` through it (RLS as the second fence).
 */
async function readScoped<T>(db: HubDb, _user: HubUser, work: (q: HubQueries) => Promise<T>): Promise<T> {
  return work(db);
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
 * Sums per installation and month. The levels are summed column by column for the level ids the
 * legends name (`levels->>'red'`), which is one pass and no row per level; a level no legend names
 * is not counted (a legend always names every level its own aggregates use).
 */
async function monthFacts(
  q: HubQueries,
  ids: string[] | null,
  levelIds: string[],
  filter: HubFilter,
): Promise<MonthFacts[]> {
  const levelSums = levelIds.map((_, i) => `COALESCE(sum((levels->>$${i + 4})::int), 0)::int AS l${i}`);
  const rows = await q.query<Record<string, unknown>>(
    `SELECT installation_id::text AS installation_id, month,
       sum(expected)::int AS expected, sum(screened)::int AS screened, sum(declined)::int AS declined,
       sum(critical)::int AS critical, sum(referred)::int AS referred, sum(attended)::int AS attended
       ${levelSums.map((s) => `, ${s}`).join('')}
     FROM aggregates
     WHERE ($1::uuid[] IS NULL OR installation_id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR month >= $2) AND ($3::text IS NULL OR month <= $3)
     GROUP BY installation_id, month`,
    [ids, filter.from ?? null, filter.to ?? null, ...levelIds],
  );
  return rows.map((r) => ({
    installationId: r.installation_id as string,
    month: r.month as string,
    expected: r.expected as number,
    screened: r.screened as number,
    declined: r.declined as number,
    critical: r.critical as number,
    referred: r.referred as number,
    attended: r.attended as number,
    levels: Object.fromEntries(
      levelIds.map((id, i) => [id, r[`l${i}`] as number] as const).filter(([, n]) => n > 0),
    ),
  }));
}

/** Open cases per installation, and those with an overdue safety check or task as of `today`. */
async function caseFacts(q: HubQueries, ids: string[] | null, today: string): Promise<CaseFacts[]> {
  const rows = await q.query<{ id: string; open: number; safety: number; tasks: number }>(
    `SELECT installation_id::text AS id, count(*)::int AS open,
       count(*) FILTER (WHERE safety_check_due_on < $2::date)::int AS safety,
       count(*) FILTER (WHERE next_due_on < $2::date)::int AS tasks
     FROM cases
     WHERE status = 'open' AND ($1::uuid[] IS NULL OR installation_id = ANY($1::uuid[]))
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
  const cut = hubFilterSchema.parse(filter);
  const day = dateSchema.parse(today);
  const scope = await scopeInstallationIds(db, user);
  return readScoped(db, user, async (q) => {
    const installations = await installationsInView(q, scope, cut);
    // The whole district unfiltered needs no id list: the sums then scan each table once.
    const narrowed = scope !== null || cut.township !== undefined || cut.installationId !== undefined;
    const ids = narrowed ? installations.map((i) => i.id) : null;
    const levelIds = [...new Set(installations.flatMap((i) => i.levels.map((l) => l.id)))];
    const [months, cases, name] = await Promise.all([
      monthFacts(q, ids, levelIds, cut),
      caseFacts(q, ids, day),
      hubName(q),
    ]);
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
  const day = dateSchema.parse(today);
  const id = z.string().uuid().safeParse(installationId);
  const notFound = () => new AppError('not_found', 'no such installation');
  if (!id.success) throw notFound();
  const scope = await scopeInstallationIds(db, user);
  if (scope !== null && !scope.includes(id.data)) throw notFound();
  return readScoped(db, user, async (q) => {
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
