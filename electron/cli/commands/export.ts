import { AppError } from '../../../shared/api/errors';
import { rosterExportInputSchema } from '../../../shared/api/exports';
import { optionalString, requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

export const exportRosterCommand: Command = {
  name: 'export roster',
  usage:
    'anxin export roster --data-dir DIR --programme school|perinatal --out FILE.xlsx [--variant full|class-teacher|aggregate|deidentified] [--from DATE --to DATE] [--json]',
  async run({ values }) {
    const out = requireString(values, 'out');
    // The same schema as the API, so the CLI accepts exactly what the UI may ask for.
    const parsed = rosterExportInputSchema.safeParse({
      programme: requireString(values, 'programme'),
      variant: optionalString(values, 'variant'),
      from: optionalString(values, 'from'),
      to: optionalString(values, 'to'),
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('invalid_input', issues.map((i) => `--${i.path}: ${i.message}`).join('; '), {
        issues,
      });
    }
    return asUser(values, async (ctx) => {
      const result = await call(ctx, 'exports.toFile', { ...parsed.data, out });
      return {
        json: result,
        text: `已导出 Exported ${result.file}: 名册 ${result.people} 人 people, 测评记录 ${result.screenings} 条 screenings (${result.variant})`,
      };
    });
  },
};
