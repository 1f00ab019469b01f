import { basename } from 'node:path';
import type { PersonKind } from '../../../shared/api/people';
import { AppError } from '../../../shared/api/errors';
import { commitImport, planImport, summarise } from '../../services/people/roster-import';
import { readSheetRows } from '../../services/spreadsheet';
import { loggedInContext, call } from '../session';
import type { Command } from './types';

function importCommand(word: 'roster' | 'women', kind: PersonKind): Command {
  return {
    name: `import ${word}`,
    usage: `anxin import ${word} FILE --data-dir DIR [--commit] [--json]   (without --commit nothing is written)`,
    async run({ positionals, values }) {
      const [file] = positionals;
      if (!file) throw new AppError('invalid_input', `Name the ${word} file: anxin import ${word} FILE.`);
      const { sheets } = await readSheetRows(file);
      const ctx = await loggedInContext(values);
      try {
        const plan = planImport(ctx.db!, kind, basename(file), sheets);
        const summary =
          values.commit === true
            ? commitImport(ctx.db!, ctx.user!.id, kind, plan)
            : summarise(plan.preview, false);
        return {
          json: summary,
          text: [
            `${summary.committed ? '已导入 Imported' : '预览（未写入）Preview, nothing written'}: ${summary.rows} 行 rows`,
            `新增 new ${summary.created} · 更新 updated ${summary.updated} · 无变化 unchanged ${summary.unchanged} · 错误 rejected ${summary.rejected.length} · 重复 duplicates ${summary.duplicates.length}`,
            ...summary.rejected.map((r) => `  第${r.row}行 row ${r.row}: ${r.reason}`),
            ...summary.duplicates.map((r) => `  第${r.row}行 row ${r.row}: ${r.reason}`),
          ].join('\n'),
        };
      } finally {
        await call(ctx, 'auth.logout', {});
      }
    },
  };
}

export const importRosterCommand = importCommand('roster', 'student');
export const importWomenCommand = importCommand('women', 'woman');
