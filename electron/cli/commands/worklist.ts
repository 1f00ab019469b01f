import { AppError } from '../../../shared/api/errors';
import { programmeSchema, type Programme } from '../../../shared/instruments';
import { reasonWords } from '../../../shared/tiers';
import { optionalString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

/** `safety_check` → `safety-check`: the JSON contract spells kinds in kebab-case. */
const kebab = (kind: string) => kind.replace(/_/g, '-');

function campaignOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new AppError('invalid_input', '--campaign must be a campaign id.');
  return id;
}

export const worklistCommand: Command = {
  name: 'worklist',
  usage:
    'anxin worklist --data-dir DIR [--level LEVEL] [--programme school|perinatal] [--json]   (预警台账: open cases and their next action)',
  async run({ values }) {
    const given = optionalString(values, 'programme');
    const parsed = given === undefined ? null : programmeSchema.safeParse(given);
    if (parsed && !parsed.success)
      throw new AppError('invalid_input', '--programme must be school or perinatal.');
    const level = optionalString(values, 'level');
    return asUser(values, async (ctx) => {
      // The organisation's own programme unless asked for the other one.
      const status = await call(ctx, 'app.status', {});
      const programme: Programme = parsed?.data ?? (status.org?.type === 'maternal' ? 'perinatal' : 'school');
      if (level) {
        // An unknown level would list nobody: name the ones there are instead.
        const levels = (await call(ctx, 'tiers.get', { programme })).active.ruleSet.levels.map((l) => l.id);
        if (!levels.includes(level))
          throw new AppError('invalid_input', `--level must be one of ${levels.join(', ')} (${programme}).`);
      }
      const list = await call(ctx, 'cases.worklist', { programme, ...(level ? { level } : {}) });
      const items = list.map((item) => ({
        /** For anxin cases assign --case. */
        caseId: item.caseId,
        personId: item.personId,
        name: item.name,
        level: item.level,
        reasons: item.reasons.map((r) => reasonWords(r, 'zh')),
        /** The same findings as data (kind, instrument, item, total, threshold). */
        reasonFacts: item.reasons,
        nextAction: item.nextTask ? { type: kebab(item.nextTask.kind), due: item.nextTask.dueOn } : null,
        incomplete: item.incomplete,
        /** The 责任人's display name; null when nobody is (未指定). */
        responsible: item.responsible,
      }));
      return {
        json: { items },
        text: items.length
          ? items
              .map(
                (i) =>
                  `${i.personId}\t${i.name}\t${i.level}\t${i.nextAction ? `${i.nextAction.type} ${i.nextAction.due}` : '—'}${i.incomplete ? '\t未完成（含关键条目阳性） not submitted (critical answer)' : ''}\t${i.reasons.join('；')}`,
              )
              .join('\n')
          : '没有待跟进的个案 / no open cases',
      };
    });
  },
};

export const alertsCommand: Command = {
  name: 'alerts',
  usage:
    'anxin alerts --data-dir DIR [--campaign ID] [--json]   (open critical alerts, newest first; item and value for admin/psychologist only)',
  async run({ values }) {
    const campaignId = campaignOption(optionalString(values, 'campaign'));
    return asUser(values, async (ctx) => {
      const alerts = await call(ctx, 'alerts.list', {
        openOnly: true,
        ...(campaignId !== undefined ? { campaignId } : {}),
      });
      return {
        json: { alerts },
        text: alerts.length
          ? alerts
              .map(
                (a) =>
                  `${a.id}\t${a.raisedAt}\t${a.name}\t${a.group}\t${a.campaignName ?? '—'}\t${a.critical ? `${a.critical.instrumentId} 第${a.critical.itemNumber}题 = ${a.critical.value}` : ''}${a.submitted ? '' : '\t未提交 not submitted'}`,
              )
              .join('\n')
          : '没有未处理的预警 / no open alerts',
      };
    });
  },
};
