import { personKindSchema } from '../../../shared/api/people';
import { AppError, refusal } from '../../../shared/api/errors';
import {
  fieldForHeader,
  rosterFields,
  wordRowIssue,
  type FieldSpec,
  type RowIssue,
} from '../../../shared/people';
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

/** An issue as the `--json` output gives it: the codes, the Chinese sentence and the English one. */
const worded = (issue: RowIssue) => ({
  ...issue,
  message: wordRowIssue(issue),
  messageEn: wordRowIssue(issue, 'en'),
});

/**
 * `--set 列名=值` pairs as field keys: a column is named the way a register's header names it (its
 * label or the importer's synonyms) or by its field key; an unknown name is refused, naming it.
 */
function readSets(kind: 'student' | 'woman', sets: readonly string[]): Record<string, string> {
  const fields: Record<string, FieldSpec> = rosterFields[kind];
  const cells: Record<string, string> = {};
  for (const pair of sets) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new AppError('invalid_input', `--set expects 列名=值 (column=value), got "${pair}".`);
    const column = pair.slice(0, eq).trim();
    const field = fieldForHeader(fields, column);
    if (!field) {
      const known = Object.values(fields)
        .map((spec) => spec.label)
        .join('、');
      throw refusal(
        'invalid_input',
        'people.unknown_field',
        `Unknown column "${column}" for a ${kind}; the columns are: ${known}.`,
        { field: column },
      );
    }
    cells[field] = pair.slice(eq + 1);
  }
  return cells;
}

export const peopleAddCommand: Command = {
  name: 'people add',
  usage:
    'anxin people add --data-dir DIR --kind student|woman --set 列名=值 [--set …] [--json]   (checked like an imported row; nothing written on errors)',
  async run({ values }) {
    const kind = personKindSchema.safeParse(requireString(values, 'kind'));
    if (!kind.success) throw new AppError('invalid_input', '--kind must be student or woman.');
    const sets = values.set;
    const cells = readSets(kind.data, Array.isArray(sets) ? sets : typeof sets === 'string' ? [sets] : []);
    return asUser(values, async (ctx) => {
      const result = await call(ctx, 'people.add', { kind: kind.data, values: cells });
      if (!result.created) {
        const errors = result.issues.map(worded);
        return {
          json: { errors },
          text: ['未添加 Not added:', ...errors.map((e) => `  ${e.message} / ${e.messageEn}`)].join('\n'),
          exitCode: 1,
        };
      }
      const warnings = result.warnings.map(worded);
      return {
        json: { personId: result.personId, created: true, warnings },
        text: [
          `已添加 Added: ${result.personId}`,
          ...warnings.map((w) => `  注意 Note: ${w.message} / ${w.messageEn}`),
        ].join('\n'),
      };
    });
  },
};
