import type { BundleAggregate } from '../../../shared/hub/bundle';
import { dayOf, dueTimePoints, type FigurePeriod } from '../../../shared/figures/definitions';
import { addDays } from '../../../shared/people';
import type { Db } from '../../db/database';
import { perinatalAt } from '../export/perinatal';
import { currentScreeningWindows } from '../people/screening-windows';
import { syncParticipants } from '../screening/participants';

/**
 * The bundle's aggregate rows. Each figure is the definition in shared/figures/definitions.ts
 * applied per row, as the 工作台 and the statistics sheet apply it per period and group:
 * 应测 = a campaign's participants (perinatal 应筛 = women whose time-point window overlaps the
 * month, `dueTimePoints`), 实测 = people with a submitted sheet, levels = each screened person's
 * latest level, 关键条目 = a critical answer submitted or left on a sheet never submitted,
 * referrals made and of them attended (到位). Rows whose figures are all zero are not sent.
 */
interface Row extends BundleAggregate {
  screenedPeople: Map<number, { level: string; at: string; id: number }>;
  criticalPeople: Set<number>;
  declinedPeople: Set<number>;
}

/** A row's place: its record key and the dimensions it is made from. */
interface Place<D> {
  key: string;
  dims: D;
}

class Rows<D> {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly make: (dims: D) => Omit<BundleAggregate, 'key'>) {}

  at({ key, dims }: Place<D>): Row {
    let row = this.rows.get(key);
    if (!row) {
      row = {
        key,
        ...this.make(dims),
        screenedPeople: new Map(),
        criticalPeople: new Set(),
        declinedPeople: new Set(),
      };
      this.rows.set(key, row);
    }
    return row;
  }

  /** The latest submitted sheet of a person in the row decides her level there. */
  screened(place: Place<D>, personId: number, sheet: { level: string | null; at: string; id: number }) {
    if (sheet.level === null) return;
    const people = this.at(place).screenedPeople;
    const seen = people.get(personId);
    if (!seen || sheet.at > seen.at || (sheet.at === seen.at && sheet.id > seen.id))
      people.set(personId, { level: sheet.level, at: sheet.at, id: sheet.id });
  }

  done(): BundleAggregate[] {
    return [...this.rows.values()]
      .map(({ screenedPeople, criticalPeople, declinedPeople, ...row }) => {
        const levels: Record<string, number> = {};
        for (const s of screenedPeople.values()) levels[s.level] = (levels[s.level] ?? 0) + 1;
        return {
          ...row,
          screened: screenedPeople.size,
          levels,
          critical: criticalPeople.size,
          // Declined and never screened in the row: a later sheet there counts as screened.
          declined: [...declinedPeople].filter((id) => !screenedPeople.has(id)).length,
        };
      })
      .filter((r) => r.expected + r.screened + r.declined + r.critical + r.referred > 0)
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

const clip = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));

/** School: per campaign × grade × class (the person's grade and class on the roster now). */
export function schoolAggregates(db: Db): BundleAggregate[] {
  // Campaigns choose their people by criteria: bring live lists up to date before counting 应测.
  syncParticipants(db);
  const campaigns = new Map(
    db
      .prepare<[], { id: number; name: string; starts_on: string; ends_on: string }>(
        "SELECT id, name, starts_on, ends_on FROM campaigns WHERE programme = 'school'",
      )
      .all()
      .map((c) => [c.id, c]),
  );
  const people = new Map(
    db
      .prepare<[], { id: number; grade: string | null; class_name: string | null }>(
        "SELECT id, grade, class_name FROM people WHERE kind = 'student'",
      )
      .all()
      .map((p) => [p.id, p]),
  );
  type Dims = { campaignId: number; grade: string; className: string };
  const keyOf = (campaignId: number, personId: number): Place<Dims> | null => {
    const p = people.get(personId);
    if (!campaigns.has(campaignId) || !p) return null;
    const dims = { campaignId, grade: p.grade ?? '', className: p.class_name ?? '' };
    return { key: JSON.stringify([campaignId, dims.grade, dims.className]), dims };
  };
  const rows = new Rows<Dims>(({ campaignId, grade, className }) => {
    const c = campaigns.get(campaignId)!;
    return {
      campaign: { ref: `c${c.id}`, name: c.name.slice(0, 100), startsOn: c.starts_on, endsOn: c.ends_on },
      grade: clip(grade, 40),
      className: clip(className, 60),
      timePoint: null,
      township: null,
      month: c.starts_on.slice(0, 7),
      expected: 0,
      screened: 0,
      declined: 0,
      levels: {},
      critical: 0,
      referred: 0,
      attended: 0,
    };
  });
  const each = <T extends { campaign_id: number; person_id: number }>(
    list: T[],
    fn: (key: Place<Dims>, r: T) => void,
  ) => {
    for (const r of list) {
      const key = keyOf(r.campaign_id, r.person_id);
      if (key !== null) fn(key, r);
    }
  };
  each(
    db
      .prepare<[], { campaign_id: number; person_id: number; status: string }>(
        'SELECT campaign_id, person_id, status FROM campaign_participants',
      )
      .all(),
    (key, r) => {
      const row = rows.at(key);
      row.expected += 1;
      if (r.status === 'declined') row.declinedPeople.add(r.person_id);
    },
  );
  each(
    db
      .prepare<[], { id: number; campaign_id: number; person_id: number; status: string; level: string | null; submitted_at: string | null }>( // prettier-ignore
        "SELECT id, campaign_id, person_id, status, level, submitted_at FROM screenings WHERE programme = 'school' AND campaign_id IS NOT NULL",
      )
      .all(),
    (key, s) => {
      if (s.status === 'declined') rows.at(key).declinedPeople.add(s.person_id);
      if (s.status === 'submitted' && s.submitted_at)
        rows.screened(key, s.person_id, { level: s.level, at: s.submitted_at, id: s.id });
    },
  );
  each(
    db
      .prepare<[], { campaign_id: number; person_id: number }>(
        `SELECT DISTINCT s.campaign_id, s.person_id FROM screening_results r JOIN screenings s ON s.id = r.screening_id
         WHERE r.critical = 1 AND s.status = 'submitted' AND s.programme = 'school' AND s.campaign_id IS NOT NULL
         UNION
         SELECT DISTINCT s.campaign_id, s.person_id FROM alerts a JOIN screenings s ON s.id = a.screening_id
         WHERE s.status <> 'submitted' AND s.programme = 'school' AND s.campaign_id IS NOT NULL`,
      )
      .all(),
    (key, r) => rows.at(key).criticalPeople.add(r.person_id),
  );
  // Referrals of the cases the campaign's sheets opened (or last scored).
  each(
    db
      .prepare<[], { campaign_id: number; person_id: number; attended_on: string | null }>(
        `SELECT s.campaign_id, c.person_id, r.attended_on FROM referrals r JOIN cases c ON c.id = r.case_id
         JOIN screenings s ON s.id = c.screening_id WHERE c.programme = 'school' AND s.campaign_id IS NOT NULL`,
      )
      .all(),
    (key, r) => {
      const row = rows.at(key);
      row.referred += 1;
      if (r.attended_on !== null) row.attended += 1;
    },
  );
  return rows.done();
}

const monthPeriod = (month: string): FigurePeriod => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};

/** Months from `first` to `last` (YYYY-MM), at most `max` of them, the latest kept. */
function monthsBetween(first: string, last: string, max: number): string[] {
  const months: string[] = [];
  let day = `${last}-01`;
  while (day.slice(0, 7) >= first && months.length < max) {
    months.unshift(day.slice(0, 7));
    day = addDays(day, -1).slice(0, 8) + '01';
  }
  return months;
}

/** How far back a perinatal bundle reaches: two years of months. */
export const PERINATAL_MONTHS = 24;

/** Perinatal: per month × time point × township (the woman's township on the register). */
export function perinatalAggregates(db: Db, today: string): BundleAggregate[] {
  const windows = currentScreeningWindows(db);
  const women = new Map(
    db
      .prepare<[], { id: number; lmp: string | null; edd: string | null; delivery_date: string | null; township: string | null; status: string }>( // prettier-ignore
        "SELECT id, lmp, edd, delivery_date, township, status FROM people WHERE kind = 'woman'",
      )
      .all()
      .map((w) => [w.id, { ...w, deliveryDate: w.delivery_date }]),
  );
  const sheets = db
    .prepare<[], { id: number; person_id: number; status: string; level: string | null; started_at: string; submitted_at: string | null }>( // prettier-ignore
      "SELECT id, person_id, status, level, started_at, submitted_at FROM screenings WHERE programme = 'perinatal'",
    )
    .all();
  const criticalSheets = new Set(
    db
      .prepare<[], number>('SELECT DISTINCT screening_id FROM screening_results WHERE critical = 1')
      .pluck()
      .all(),
  );
  const unsubmittedCritical = db
    .prepare<[], { person_id: number; raised_at: string }>(
      `SELECT s.person_id, min(a.raised_at) AS raised_at FROM alerts a JOIN screenings s ON s.id = a.screening_id
       WHERE s.programme = 'perinatal' AND s.status <> 'submitted' GROUP BY s.id`,
    )
    .all();
  const referrals = db
    .prepare<[], { person_id: number; referred_on: string; attended_on: string | null }>(
      `SELECT c.person_id, r.referred_on, r.attended_on FROM referrals r JOIN cases c ON c.id = r.case_id
       WHERE c.programme = 'perinatal'`,
    )
    .all();
  const thisMonth = today.slice(0, 7);
  const earliest = [
    ...sheets.map((s) => s.started_at),
    ...unsubmittedCritical.map((a) => a.raised_at),
    ...referrals.map((r) => r.referred_on),
  ].reduce((min, at) => (at.slice(0, 7) < min ? at.slice(0, 7) : min), thisMonth);
  const months = monthsBetween(earliest, thisMonth, PERINATAL_MONTHS);
  const inRange = new Set(months);

  type Dims = { month: string; timePoint: string; township: string };
  const place = (dims: Dims): Place<Dims> => ({
    key: JSON.stringify([dims.month, dims.timePoint, dims.township]),
    dims,
  });
  const rows = new Rows<Dims>(({ month, timePoint, township }) => {
    return {
      campaign: null,
      grade: null,
      className: null,
      timePoint,
      township: township === '' ? null : township.slice(0, 60),
      month,
      expected: 0,
      screened: 0,
      declined: 0,
      levels: {},
      critical: 0,
      referred: 0,
      attended: 0,
    };
  });
  /** The row of a woman's event on a day: its month, her time point that day, her township. */
  const rowOf = (personId: number, at: string): Place<Dims> | null => {
    const w = women.get(personId);
    const day = dayOf(at);
    if (!w || !inRange.has(day.slice(0, 7))) return null;
    return place({ month: day.slice(0, 7), timePoint: perinatalAt(w, day, windows).timePoint, township: w.township ?? '' }); // prettier-ignore
  };

  for (const month of months) {
    const period = monthPeriod(month);
    for (const w of women.values()) {
      if (w.status !== 'active' && w.status !== 'enrolled') continue;
      for (const point of dueTimePoints(w, period, windows))
        rows.at(place({ month, timePoint: point, township: w.township ?? '' })).expected += 1;
    }
  }
  for (const s of sheets) {
    if (s.status === 'submitted' && s.submitted_at) {
      const key = rowOf(s.person_id, s.submitted_at);
      if (key === null) continue;
      rows.screened(key, s.person_id, { level: s.level, at: s.submitted_at, id: s.id });
      if (criticalSheets.has(s.id)) rows.at(key).criticalPeople.add(s.person_id);
    } else if (s.status === 'declined') {
      const key = rowOf(s.person_id, s.started_at);
      if (key !== null) rows.at(key).declinedPeople.add(s.person_id);
    }
  }
  for (const a of unsubmittedCritical) {
    const key = rowOf(a.person_id, a.raised_at);
    if (key !== null) rows.at(key).criticalPeople.add(a.person_id);
  }
  for (const r of referrals) {
    const key = rowOf(r.person_id, r.referred_on);
    if (key === null) continue;
    const row = rows.at(key);
    row.referred += 1;
    if (r.attended_on !== null) row.attended += 1;
  }
  return rows.done();
}
