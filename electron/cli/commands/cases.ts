import { AppError } from '../../../shared/api/errors';
import { requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

/** --case "12,13 14" → [12, 13, 14]: case ids as `anxin worklist --json` lists them. */
function parseCaseIds(text: string): number[] {
  const parts = text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !/^\d+$/.test(p) || Number(p) <= 0);
  if (parts.length === 0 || bad.length)
    throw new AppError(
      'invalid_input',
      `--case must be case ids separated by commas (e.g. --case 12,13)${bad.length ? `; not an id: ${bad.join(', ')}` : ''}.`,
    );
  return [...new Set(parts.map(Number))];
}

export const casesAssignCommand: Command = {
  name: 'cases assign',
  usage:
    'anxin cases assign --data-dir DIR --case ID[,ID…] --to USERNAME [--json]   (指派/转交责任人: all the cases or none; case ids from anxin worklist --json)',
  async run({ values }) {
    const caseIds = parseCaseIds(requireString(values, 'case'));
    const to = requireString(values, 'to').trim();
    const result = await asUser(values, (ctx) => call(ctx, 'cases.assign', { caseIds, to }));
    const json = {
      to: { id: result.to.id, username: result.to.username, displayName: result.to.displayName },
      cases: result.cases,
      changed: result.changed,
    };
    return {
      json,
      text: [
        `责任人 Responsible: ${result.to.displayName} (${result.to.username}) — ${result.changed}/${result.cases.length} 已指派 assigned`,
        ...result.cases.map(
          (c) =>
            `${c.caseId}\t${c.from ?? '未指定 unassigned'} → ${result.to.displayName}${c.changed ? '' : '\t(无变化 unchanged)'}`,
        ),
      ].join('\n'),
    };
  },
};
