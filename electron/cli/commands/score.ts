import type { ScoreResult } from '../../../shared/instruments';
import { getInstrument } from '../../../shared/instruments';
import { AppError } from '../../../shared/api/errors';
import { scoreValues } from '../../services/instruments';
import { optionalString, requireString } from '../args';
import { call, loggedInContext } from '../session';
import { parseValues } from '../values';
import type { Command } from './types';

/** The stable `--json` shape of one scored instrument. */
export function scoreJson(result: ScoreResult, mainScale = 'total') {
  return {
    instrument: result.instrumentId,
    version: result.version,
    total: result.total,
    band: result.band,
    critical: result.critical.length > 0,
    criticalItems: result.critical.map((c) => c.number),
    subscales: Object.fromEntries(
      Object.entries(result.subscales)
        .filter(([id]) => id !== mainScale)
        .map(([id, s]) => [id, s.score]),
    ),
    complete: result.complete,
  };
}

export const scoreCommand: Command = {
  name: 'score',
  usage:
    'anxin score --instrument ID --values "v1 v2 …" [--data-dir DIR] [--json]   (item scores in item order)',
  async run({ values }) {
    const id = requireString(values, 'instrument');
    const itemValues = parseValues(requireString(values, 'values'), 'values');
    let result: ScoreResult;
    let mainScale: string | undefined;
    if (optionalString(values, 'data-dir')) {
      // Custom instruments live in the data folder; score through the API as the UI does.
      const ctx = await loggedInContext(values);
      try {
        mainScale = (await call(ctx, 'instruments.get', { id })).mainScale;
        result = await call(ctx, 'instruments.score', { instrumentId: id, values: itemValues });
      } finally {
        await call(ctx, 'auth.logout', {});
      }
    } else {
      const def = getInstrument(id);
      if (!def)
        throw new AppError('not_found', `No built-in instrument ${id} (custom ones need --data-dir).`);
      mainScale = def.mainScale;
      result = scoreValues(def, itemValues);
    }
    const json = scoreJson(result, mainScale);
    const subs = Object.entries(json.subscales).map(([k, v]) => `${k}=${v}`);
    return {
      json,
      text: [
        `${json.instrument} v${json.version}: 总分 total ${json.total ?? '—'}, 分段 band ${json.band ?? '—'}${json.complete ? '' : ' (未答完 incomplete)'}`,
        json.critical
          ? `关键条目阳性 critical item(s): ${json.criticalItems.join(', ')}`
          : '关键条目 critical items: 无 none',
        ...(subs.length ? [`分量表 subscales: ${subs.join(', ')}`] : []),
      ].join('\n'),
    };
  },
};
