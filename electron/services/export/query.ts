import type { Programme } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { allDefinitions } from '../instruments';
import { answerAad, openNumber } from '../clinical/vault';

/** The export's period; `to` is inclusive and dates compare on their YYYY-MM-DD prefix, as in dashboard(). */
export interface Period {
  programme: Programme;
  from: string;
  to: string;
}

export const periodParams = (p: Period) => ({ programme: p.programme, from: p.from, to: `${p.to}\uffff` });

/** The critical items of every known instrument (PHQ-9 第9题, EPDS 第10题, custom ones) as a CTE. */
export interface CriticalItems {
  /** `crit (instrument, item, number, min) AS (…)`, for a WITH clause. */
  cte: string;
  params: Record<string, string | number>;
  /** The critical item numbers of each instrument, to name the ones a partial sheet left blank. */
  numbers: ReadonlyMap<string, readonly number[]>;
}

/**
 * Bound literal rows rather than json_each over a parameter: the subquery that reads them runs
 * once per screening, and re-parsing JSON there made the 测评记录 query 2.5 times slower.
 */
export function criticalItems(db: Db): CriticalItems {
  const items = allDefinitions(db).flatMap((def) =>
    (def.criticalItems ?? []).map((c) => ({
      instrument: def.id,
      item: c.item,
      number: def.items.find((i) => i.id === c.item)?.number ?? 0,
      min: c.min,
    })),
  );
  const params: CriticalItems['params'] = {};
  const numbers = new Map<string, number[]>();
  for (const c of items) numbers.set(c.instrument, [...(numbers.get(c.instrument) ?? []), c.number]);
  const rows = items.map((c, i) => {
    Object.assign(params, {
      [`ci${i}`]: c.instrument,
      [`ct${i}`]: c.item,
      [`cn${i}`]: c.number,
      [`cm${i}`]: c.min,
    });
    return `(:ci${i}, :ct${i}, :cn${i}, :cm${i})`;
  });
  return {
    cte: rows.length
      ? `crit (instrument, item, number, min) AS (VALUES ${rows.join(', ')})`
      : 'crit (instrument, item, number, min) AS (SELECT NULL, NULL, NULL, NULL WHERE 0)',
    params,
    numbers,
  };
}

// Unit and record separators: they never occur in instrument ids or numbers.
const US = 'char(31)';
const RS = 'char(30)';

/** Per screening `s`: each instrument's total and completeness, as `id US total US complete` joined by RS. */
export const TOTALS_SQL = `(SELECT group_concat(r.instrument_id || ${US} || coalesce(r.total, '') || ${US} || r.complete, ${RS})
  FROM screening_results r WHERE r.screening_id = s.id)`;

/**
 * Per screening `s`: each answered critical item, as `instrument US number US screening US item US
 * sealed value US threshold`. The value is sealed (clinical field), so whether it fired is decided
 * in JS after opening it (parseCritical), not in SQL.
 */
export const CRITICAL_SQL = `(SELECT group_concat(k.instrument || ${US} || k.number || ${US} || a.screening_id || ${US} || k.item || ${US} || a.value || ${US} || k.min, ${RS})
  FROM crit k JOIN screening_answers a ON a.screening_id = s.id AND a.instrument_id = k.instrument AND a.item_id = k.item)`;

const records = (text: string | null) => (text ? text.split('\u001e').map((r) => r.split('\u001f')) : []);

export interface Total {
  instrument: string;
  total: number | null;
  /** False when items were left blank (a paper or imported sheet): the sheet is 部分作答. */
  complete: boolean;
}

export function parseTotals(text: string | null, battery: readonly string[]): Total[] {
  const totals = records(text).map(([instrument, total, complete]) => ({
    instrument: instrument!,
    total: total === '' || total === undefined ? null : Number(total),
    complete: complete !== '0',
  }));
  const order = (id: string) => (battery.includes(id) ? battery.indexOf(id) : battery.length);
  return totals.sort((a, b) => order(a.instrument) - order(b.instrument));
}

export interface CriticalAnswer {
  instrument: string;
  number: number;
  /** Null when the item was left blank on a submitted sheet, or when this session cannot open it. */
  value: number | null;
  fired: boolean;
  /** Answered, but sealed to a clinical key this session does not hold. */
  sealed?: true;
}

/**
 * The answered critical items, then those a partial sheet left blank: a blank item 9 is listed
 * (第9题未作答), never an empty cell that reads as "nothing to see".
 */
export function parseCritical(
  db: Db,
  text: string | null,
  totals: readonly Total[],
  critical: CriticalItems,
): CriticalAnswer[] {
  const answered = records(text).map(([instrument, number, screening, item, stored, min]): CriticalAnswer => {
    const value = openNumber(db, answerAad(Number(screening), instrument!, item!), stored!);
    return value === null
      ? { instrument: instrument!, number: Number(number), value: null, fired: false, sealed: true }
      : { instrument: instrument!, number: Number(number), value, fired: value >= Number(min) };
  });
  const blank = totals
    .filter((t) => !t.complete)
    .flatMap((t) =>
      (critical.numbers.get(t.instrument) ?? [])
        .filter((n) => !answered.some((a) => a.instrument === t.instrument && a.number === n))
        .map((number) => ({ instrument: t.instrument, number, value: null, fired: false })),
    );
  return [...answered, ...blank];
}

/** A submitted sheet with any instrument left incomplete. */
export const isPartial = (totals: readonly Total[]) => totals.some((t) => !t.complete);

/** 'PHQ-9第9题=2（阳性）', 'PHQ-9第9题未作答'; empty when the sheet had no critical item. */
export const criticalText = (answers: readonly CriticalAnswer[]) =>
  answers
    .map((a) =>
      a.sealed
        ? `${a.instrument}第${a.number}题（已加密）`
        : a.value === null
          ? `${a.instrument}第${a.number}题未作答`
          : `${a.instrument}第${a.number}题=${a.value}${a.fired ? '（阳性）' : ''}`,
    )
    .join('；');

/** The calendar day of a stored timestamp, on the same prefix the period filter uses. */
export const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);
