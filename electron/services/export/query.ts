import type { Programme } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { allDefinitions } from '../instruments';

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
  };
}

// Unit and record separators: they never occur in instrument ids or numbers.
const US = 'char(31)';
const RS = 'char(30)';

/** Per screening `s`: each instrument's total, as `id US total` joined by RS. */
export const TOTALS_SQL = `(SELECT group_concat(r.instrument_id || ${US} || coalesce(r.total, ''), ${RS})
  FROM screening_results r WHERE r.screening_id = s.id)`;

/** Per screening `s`: each answered critical item, as `instrument US number US value US fired`. */
export const CRITICAL_SQL = `(SELECT group_concat(k.instrument || ${US} || k.number || ${US} || a.value || ${US} || (a.value >= k.min), ${RS})
  FROM crit k JOIN screening_answers a ON a.screening_id = s.id AND a.instrument_id = k.instrument AND a.item_id = k.item)`;

const records = (text: string | null) => (text ? text.split('\u001e').map((r) => r.split('\u001f')) : []);

export interface Total {
  instrument: string;
  total: number | null;
}

export function parseTotals(text: string | null, battery: readonly string[]): Total[] {
  const totals = records(text).map(([instrument, total]) => ({
    instrument: instrument!,
    total: total === '' || total === undefined ? null : Number(total),
  }));
  const order = (id: string) => (battery.includes(id) ? battery.indexOf(id) : battery.length);
  return totals.sort((a, b) => order(a.instrument) - order(b.instrument));
}

export interface CriticalAnswer {
  instrument: string;
  number: number;
  value: number;
  fired: boolean;
}

export function parseCritical(text: string | null): CriticalAnswer[] {
  return records(text).map(([instrument, number, value, fired]) => ({
    instrument: instrument!,
    number: Number(number),
    value: Number(value),
    fired: fired === '1',
  }));
}

/** 'PHQ-9 16；GAD-7 8' */
export const totalsText = (totals: readonly Total[]) =>
  totals.map((t) => `${t.instrument} ${t.total ?? '—'}`).join('；');

/** 'PHQ-9第9题=2（阳性）'; empty when no critical item was answered. */
export const criticalText = (answers: readonly CriticalAnswer[]) =>
  answers.map((a) => `${a.instrument}第${a.number}题=${a.value}${a.fired ? '（阳性）' : ''}`).join('；');

/** The calendar day of a stored timestamp, on the same prefix the period filter uses. */
export const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);
