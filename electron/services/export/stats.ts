import type { Db } from '../../db/database';
import { GROUP_SQL } from '../screening/groups';
import { SEX_LABELS } from './labels';
import { TIME_POINT_ORDER, perinatalAt } from './perinatal';
import { periodParams, type Period } from './query';

/**
 * The statistics sheet's breakdowns. Each figure is dashboard()'s definition applied per group:
 * 应测 = distinct participants of campaigns overlapping the period; 实测 = distinct people with a
 * submitted sheet in the period; levels = each person's latest level in the period; 关键条目 =
 * people with any critical item in the period; 在管 = open cases. So the groups add up to the
 * summary sheet's figures, which come from dashboard() itself.
 */
export interface GroupFigures {
  group: string;
  due: number;
  screened: number;
  byLevel: Record<string, number>;
  critical: number;
  underManagement: number;
}

export type Dimension = 'class' | 'grade' | 'sex' | 'township' | 'timePoint';

interface PersonKeys {
  grp: string;
  grade: string | null;
  gradeOrdinal: number | null;
  className: string | null;
  sex: string | null;
  township: string | null;
}

const PERSON_KEYS_SQL = `${GROUP_SQL} AS grp, p.grade, p.grade_ordinal AS gradeOrdinal, p.class_name AS className,
  p.sex, p.township`;

const NO_GRADE = '未填写年级';
const NO_SEX = '未填写性别';
const NO_TOWNSHIP = '未填写社区';

/** The label a person falls under, and the order labels are listed in. */
function keyOf(dimension: Dimension, p: PersonKeys): { key: string; order: (string | number)[] } {
  switch (dimension) {
    case 'class':
      return {
        key: p.grp,
        order: [p.gradeOrdinal ?? 999, p.grade ?? '', (p.className ?? '').length, p.className ?? ''],
      };
    case 'grade':
      return { key: p.grade ?? NO_GRADE, order: [p.gradeOrdinal ?? 999, p.grade ?? '\uffff'] };
    case 'sex':
      return { key: (p.sex && SEX_LABELS[p.sex]) ?? NO_SEX, order: [p.sex ?? 'Z'] };
    case 'township':
      return { key: p.township ?? NO_TOWNSHIP, order: [p.township ? 0 : 1, p.township ?? ''] };
    case 'timePoint':
      throw new Error('time points are per screening, not per person');
  }
}

const compare = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y)
      return typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'zh');
  }
  return 0;
};

type Groups = Map<string, GroupFigures & { order: (string | number)[] }>;

function entry(groups: Groups, key: string, order: (string | number)[]) {
  let g = groups.get(key);
  if (!g) {
    g = { group: key, due: 0, screened: 0, byLevel: {}, critical: 0, underManagement: 0, order };
    groups.set(key, g);
  }
  return g;
}

/** Every breakdown asked for, from one pass over each source (the screenings scan is the costly part). */
export function groupFigures<D extends Dimension>(
  db: Db,
  period: Period,
  dimensions: readonly D[],
): Record<D, GroupFigures[]> {
  const params = periodParams(period);
  const all = dimensions.map((dimension) => ({ dimension, groups: new Map() as Groups }));
  const perPerson = all.filter((d) => d.dimension !== 'timePoint');
  const place = (p: PersonKeys, add: (g: GroupFigures) => void) => {
    for (const { dimension, groups } of perPerson) {
      const { key, order } = keyOf(dimension, p);
      add(entry(groups, key, order));
    }
  };

  if (perPerson.length) {
    for (const p of db
      .prepare<typeof params, PersonKeys>(
        `SELECT ${PERSON_KEYS_SQL} FROM people p WHERE p.id IN (
           SELECT cp.person_id FROM campaign_participants cp JOIN campaigns c ON c.id = cp.campaign_id
           WHERE c.programme = :programme AND c.starts_on <= :to AND c.ends_on >= :from)`,
      )
      .iterate(params))
      place(p, (g) => (g.due += 1));
    for (const p of db
      .prepare<{ programme: string }, PersonKeys>(
        `SELECT ${PERSON_KEYS_SQL} FROM cases c JOIN people p ON p.id = c.person_id
         WHERE c.programme = :programme AND c.status = 'open'`,
      )
      .iterate({ programme: period.programme }))
      place(p, (g) => (g.underManagement += 1));
  }

  const critical = new Set(
    db
      .prepare<typeof params, number>(
        `SELECT DISTINCT s.person_id FROM screenings s JOIN screening_results r ON r.screening_id = s.id
         WHERE s.programme = :programme AND s.status = 'submitted' AND s.submitted_at >= :from
           AND s.submitted_at <= :to AND r.critical = 1`,
      )
      .pluck()
      .all(params),
  );
  const latest = db.prepare<
    typeof params,
    PersonKeys & {
      personId: number;
      level: string;
      submittedAt: string;
      lmp: string | null;
      edd: string | null;
      deliveryDate: string | null;
    }
  >(
    `SELECT ${PERSON_KEYS_SQL}, p.id AS personId, l.level, l.submitted_at AS submittedAt, p.lmp, p.edd,
       p.delivery_date AS deliveryDate
     FROM (SELECT s.person_id, s.level, s.submitted_at,
             row_number() OVER (PARTITION BY s.person_id ORDER BY s.submitted_at DESC, s.id DESC) AS k
           FROM screenings s WHERE s.programme = :programme AND s.status = 'submitted'
             AND s.submitted_at >= :from AND s.submitted_at <= :to) l
     JOIN people p ON p.id = l.person_id WHERE l.k = 1`,
  );
  for (const p of latest.iterate(params)) {
    const add = (g: GroupFigures) => {
      g.screened += 1;
      g.byLevel[p.level] = (g.byLevel[p.level] ?? 0) + 1;
      if (critical.has(p.personId)) g.critical += 1;
    };
    place(p, add);
    const timePoints = all.find((d) => d.dimension === 'timePoint');
    if (timePoints) {
      const { timePoint } = perinatalAt(p, p.submittedAt.slice(0, 10));
      add(entry(timePoints.groups, timePoint, [TIME_POINT_ORDER.indexOf(timePoint)]));
    }
  }
  return Object.fromEntries(
    all.map(({ dimension, groups }) => [
      dimension,
      [...groups.values()]
        .sort((a, b) => compare(a.order, b.order))
        .map(({ order: _order, ...figures }) => figures),
    ]),
  ) as Record<D, GroupFigures[]>;
}
