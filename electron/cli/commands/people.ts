import { personKindSchema } from '../../../shared/api/people';
import { requireString, optionalString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

export const peopleSearchCommand: Command = {
  name: 'people search',
  usage:
    'anxin people search --data-dir DIR --query Q [--kind student|woman] [--json]   (name, pinyin initials, numbers)',
  async run({ values }) {
    const query = requireString(values, 'query');
    const kind = personKindSchema.optional().parse(optionalString(values, 'kind'));
    return asUser(values, async (ctx) => {
      const found = await call(ctx, 'people.search', { query, limit: 50, ...(kind ? { kind } : {}) });
      const json = found.map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        number: p.kind === 'student' ? p.studentNo : p.handbookNo,
        studentNo: p.studentNo,
        handbookNo: p.handbookNo,
        grade: p.grade,
        className: p.className,
        township: p.township,
        // The one current level (shared/figures/current-level.ts), as the register shows it.
        level: p.level,
      }));
      return {
        json,
        text: json.length
          ? json
              .map(
                (p) =>
                  `${p.id}\t${p.name}\t${p.number ?? ''}\t${p.kind === 'student' ? `${p.grade} ${p.className}` : (p.township ?? '')}\t${p.level ?? '—'}`,
              )
              .join('\n')
          : '没有找到 / nothing found',
      };
    });
  },
};
