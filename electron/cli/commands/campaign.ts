import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { signInModeSchema, timePointSchema } from '../../../shared/api/screening';
import { programmeSchema } from '../../../shared/instruments';
import { wordResponseReason, wordUnparsable } from '../../../shared/screening/response-issues';
import { addDays, todayIso } from '../../../shared/people';
import { optionalString, requireString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

const list = (text: string | undefined) =>
  text
    ?.split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

export const campaignCreateCommand: Command = {
  name: 'campaign create',
  usage:
    'anxin campaign create --data-dir DIR --name NAME --programme school|perinatal --battery PHQ-9,GAD-7 [--grades 七年级,八年级] [--classes 1班,2班] [--time-points early,mid,late,postpartum42] [--from DATE --to DATE] [--sign-in slip|student_no_birth_code|handbook_plus|checkin_code] [--json]   (--grades/--classes/--time-points: who the campaign selects, evaluated whenever someone signs in or the list is read, so people registered later who match are included; --sign-in: how respondents sign in at a LAN station; default slip at a school, handbook_plus at a clinic)',
  async run({ values }) {
    const programme = programmeSchema.safeParse(requireString(values, 'programme'));
    if (!programme.success) throw new AppError('invalid_input', '--programme must be school or perinatal.');
    const startsOn = optionalString(values, 'from') ?? todayIso();
    const grades = list(optionalString(values, 'grades'));
    const classNames = list(optionalString(values, 'classes'));
    const points = list(optionalString(values, 'time-points'));
    const timePoints = points?.map((p) => {
      const point = timePointSchema.safeParse(p);
      if (!point.success)
        throw new AppError(
          'invalid_input',
          `--time-points: ${p} is not a time point; use ${timePointSchema.options.join(', ')}.`,
        );
      return point.data;
    });
    const signIn = optionalString(values, 'sign-in');
    const mode = signIn === undefined ? undefined : signInModeSchema.safeParse(signIn);
    if (mode && !mode.success)
      throw new AppError(
        'invalid_input',
        `--sign-in must be one of ${signInModeSchema.options.join(', ')} (got ${signIn}).`,
      );
    return asUser(values, async (ctx) => {
      const campaign = await call(ctx, 'campaigns.create', {
        name: requireString(values, 'name'),
        programme: programme.data,
        startsOn,
        endsOn: optionalString(values, 'to') ?? addDays(startsOn, 14),
        targets: [
          {
            battery: list(requireString(values, 'battery')) ?? [],
            ...(grades?.length ? { grades } : {}),
            ...(classNames?.length ? { classNames } : {}),
            ...(timePoints?.length ? { timePoints } : {}),
          },
        ],
        ...(mode?.success ? { signIn: mode.data } : {}),
      });
      return {
        json: {
          id: campaign.id,
          participants: campaign.participants,
          signIn: campaign.signIn,
          warnings: campaign.warnings,
        },
        text: [
          `已创建测评计划 Campaign created: #${campaign.id} ${campaign.name}，应测 ${campaign.participants} 人 participants`,
          ...campaign.warnings.map(
            (w) =>
              `  注意：${w.battery.join(' + ')} 不含自伤条目，无法发现自伤风险 · Warning: ${w.battery.join(' + ')} has no self-harm item`,
          ),
        ].join('\n'),
      };
    });
  },
};

const ON_CONFLICT = { skip: 'skip', 'keep-both': 'import' } as const;

export const importResponsesCommand: Command = {
  name: 'import responses',
  usage:
    "anxin import responses FILE --data-dir DIR --campaign ID [--order zh|en] [--option-order printed|reversed] [--on-conflict skip|keep-both] [--commit] [--json]   (问卷星/腾讯问卷 exports; --order: the option order of a form that exports option numbers; --option-order reversed: the form listed each item's options the other way round, e.g. 几乎每天 first; keep-both imports a row beside a decline or another channel's sheet as its own sheet, never over it)",
  async run({ positionals, values }) {
    const [file] = positionals;
    if (!file) throw new AppError('invalid_input', 'Name the export file: anxin import responses FILE.');
    const campaignId = Number(requireString(values, 'campaign'));
    if (!Number.isInteger(campaignId))
      throw new AppError('invalid_input', '--campaign must be a campaign id.');
    const order = optionalString(values, 'order') as 'zh' | 'en' | undefined;
    if (order !== undefined && order !== 'zh' && order !== 'en')
      throw new AppError('invalid_input', '--order must be zh (Chinese form) or en (English form).');
    const optionOrder = optionalString(values, 'option-order');
    if (optionOrder !== undefined && optionOrder !== 'printed' && optionOrder !== 'reversed')
      throw new AppError(
        'invalid_input',
        '--option-order must be printed (option 1 is the printed first option) or reversed (option 1 is the printed last).',
      );
    const reversed = optionOrder === 'reversed';
    const onConflict = optionalString(values, 'on-conflict');
    if (onConflict !== undefined && !(onConflict in ON_CONFLICT))
      throw new AppError('invalid_input', '--on-conflict must be skip or keep-both.');
    const upload = { path: resolve(file) };
    return asUser(values, async (ctx) => {
      // The orders apply to every item column; the reading (text or number) stays as detected.
      const readings =
        order || reversed
          ? Object.fromEntries(
              (await call(ctx, 'responses.preview', { campaignId, file: upload })).columns.flatMap((c) =>
                c.reading
                  ? [[String(c.index), { read: c.reading.read, order: order ?? c.reading.order, reversed }]]
                  : [],
              ),
            )
          : undefined;
      const summary = await call(ctx, 'responses.import', {
        campaignId,
        file: upload,
        commit: values.commit === true,
        ...(readings ? { readings } : {}),
        ...(onConflict ? { onConflict: ON_CONFLICT[onConflict as keyof typeof ON_CONFLICT] } : {}),
      });
      const counts = summary.levels ?? summary.results ?? {};
      return {
        json: summary,
        text: [
          `${basename(file)}: ${summary.rows} 行 rows, 匹配 matched ${summary.matched}, 未匹配 unmatched ${summary.unmatched.length}, 无法识别的答案 unparsable ${summary.unparsable.length}`,
          summary.committed
            ? `已计分 scored ${summary.scored}: ${Object.entries(counts)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}`
            : '预览（未写入）Preview, nothing written',
          ...summary.criticalNotImported.map(
            (c) =>
              `  ！第${c.row}行 row ${c.row} 关键条目阳性未导入 critical answer NOT imported (${c.reason}): ${c.critical
                .map((a) => `${a.instrumentId} 第${a.itemNumber}题 ${a.label.zh}`)
                .join('；')} — 请在界面中手动匹配 match it by hand in the app`,
          ),
          ...summary.unmatched.map(
            (u) =>
              `  第${u.row}行 row ${u.row}: ${u.reason} / ${wordResponseReason(u.reasonCode, u.reasonParams, 'en')}`,
          ),
          ...summary.unparsable.map(
            (u) =>
              `  第${u.row}行 row ${u.row} ${u.column}「${u.value}」: ${u.reason} / ${wordUnparsable(u.code, u.params, 'en')}`,
          ),
        ].join('\n'),
      };
    });
  },
};
