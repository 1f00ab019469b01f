import { resolve } from 'node:path';
import type { PersonKind } from '../../../shared/api/people';
import { AppError } from '../../../shared/api/errors';
import { type RowIssue, wordRowIssue } from '../../../shared/people/issues';
import { summarise } from '../../services/people/roster-import';
import { asUser, call } from '../session';
import type { Command } from './types';

/** The CLI prints both languages, as its other lines do; the words come from the shared tables. */
const english = (issues: readonly RowIssue[]) => issues.map((issue) => wordRowIssue(issue, 'en')).join('; ');

function importCommand(word: 'roster' | 'women', kind: PersonKind): Command {
  return {
    name: `import ${word}`,
    usage: `anxin import ${word} FILE --data-dir DIR [--commit] [--json]   (without --commit nothing is written)`,
    async run({ positionals, values }) {
      const [file] = positionals;
      if (!file) throw new AppError('invalid_input', `Name the ${word} file: anxin import ${word} FILE.`);
      // Through the dispatcher like the UI's upload: the role check comes before the file is read.
      const upload = { path: resolve(file) };
      return asUser(values, async (ctx) => {
        const summary =
          values.commit === true
            ? await call(ctx, 'people.importCommit', { kind, file: upload })
            : summarise(await call(ctx, 'people.importPreview', { kind, file: upload }), false);
        return {
          json: summary,
          text: [
            `${summary.committed ? '已导入 Imported' : '预览（未写入）Preview, nothing written'}: ${summary.rows} 行 rows`,
            `新增 new ${summary.created} · 更新 updated ${summary.updated} · 无变化 unchanged ${summary.unchanged} · 错误 rejected ${summary.rejected.length} · 重复 duplicates ${summary.duplicates.length}`,
            ...[...summary.rejected, ...summary.duplicates]
              .sort((a, b) => a.row - b.row)
              .map((r) => `  第${r.row}行 row ${r.row}: ${r.reason} / ${english(r.issues)}`),
          ].join('\n'),
        };
      });
    },
  };
}

export const importRosterCommand = importCommand('roster', 'student');
export const importWomenCommand = importCommand('women', 'woman');
