import type { Dashboard } from '../../../shared/api/cases';
import type { Programme } from '../../../shared/instruments';
import type { TierLevel } from '../../../shared/tiers';
import { COLOUR_LABELS } from './labels';

/** One line of the 汇总 sheet; every value is a dashboard() figure or a ratio of two of them. */
export interface Figure {
  label: string;
  value: number | null;
  format: 'count' | 'rate';
  /** A sub-line (a level or colour of the line above). */
  indent?: boolean;
}

/**
 * The levels that count as a warning (school: all but the last, 绿) or as screen-positive
 * (perinatal: all but watch and negative, i.e. 危急 and 阳性 by default).
 */
export function warningLevels(programme: Programme, levels: readonly TierLevel[]): TierLevel[] {
  const drop = programme === 'perinatal' && levels.length >= 3 ? 2 : 1;
  return levels.slice(0, levels.length - drop);
}

const sum = (d: Dashboard, levels: readonly TierLevel[]) =>
  levels.reduce((n, l) => n + (d.byLevel[l.id] ?? 0), 0);
const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
const count = (label: string, value: number, indent = false): Figure => ({
  label,
  value,
  format: 'count',
  ...(indent ? { indent } : {}),
});
const rate = (label: string, value: number | null): Figure => ({ label, value, format: 'rate' });

const MANAGED_COLOURS = ['red', 'orange', 'yellow', 'green', 'purple'];

export function summaryFigures(programme: Programme, d: Dashboard, levels: readonly TierLevel[]): Figure[] {
  const warning = warningLevels(programme, levels);
  const flagged = sum(d, warning);
  const perLevel = levels.map((l) => count(`${l.name.zh}人数`, d.byLevel[l.id] ?? 0, true));
  const tasks = [count('今日到期待办数', d.tasksDueToday), count('逾期待办数', d.tasksOverdue)];
  if (programme === 'school') {
    return [
      count('应测人数', d.due),
      count('实测人数', d.screened),
      rate('参测率', d.screenedRate),
      count('预警人数', flagged),
      ...perLevel,
      rate('预警率', ratio(flagged, d.screened)),
      count('关键条目阳性人数（危机）', d.criticalItems),
      count('复核人数', d.interviewed),
      count('转介人数', d.referred),
      count('转介到位人数', d.attended),
      count('医院确诊人数', d.diagnosed),
      count('在管人数', d.underManagement),
      count('随访次数', d.followUps),
      count('解除预警人数', d.lifted),
      ...tasks,
    ];
  }
  return [
    count('应筛人数', d.due),
    count('筛查人数', d.screened),
    rate('筛查率', d.screenedRate),
    count('阳性人数', flagged),
    ...perLevel,
    rate('阳性率', ratio(flagged, d.screened)),
    count('关键条目阳性人数', d.criticalItems),
    count('转诊人数', d.referred),
    rate('转诊率', ratio(d.referred, flagged)),
    count('转诊到位人数', d.attended),
    rate('转诊到位率', ratio(d.attended, d.referred)),
    count('确诊人数', d.diagnosed),
    ...MANAGED_COLOURS.filter((c) => d.managedByColour[c]).map((c) =>
      count(`纳入专案管理人数（${COLOUR_LABELS[c]}）`, d.managedByColour[c]!),
    ),
    count('在管人数', d.underManagement),
    count('随访次数', d.followUps),
    count('结案人数', d.closed),
    ...tasks,
  ];
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);

/** The paragraph a county report quotes, e.g. 共筛查1041名孕产妇，发现2例阳性病例，经专科门诊确诊，纳入橙色高危管理。 */
export function summaryParagraph(programme: Programme, d: Dashboard, levels: readonly TierLevel[]): string {
  const warning = warningLevels(programme, levels);
  const flagged = sum(d, warning);
  const parts: string[] = [];
  if (programme === 'perinatal') {
    parts.push(`共筛查${d.screened}名孕产妇`);
    parts.push(flagged ? `发现${flagged}例阳性病例` : '未发现阳性病例');
    if (d.criticalItems) parts.push(`其中关键条目（自伤念头）阳性${d.criticalItems}例`);
    if (d.referred) parts.push(`转诊${d.referred}例，到位${d.attended}例`);
    if (d.diagnosed) parts.push(`经专科门诊确诊${d.diagnosed}例`);
    const managed = MANAGED_COLOURS.filter((c) => c !== 'purple' && d.managedByColour[c]);
    const managedCount = managed.reduce((n, c) => n + (d.managedByColour[c] ?? 0), 0);
    if (managed.length)
      parts.push(`纳入${managed.map((c) => COLOUR_LABELS[c]).join('、')}高危管理${managedCount}例`);
    if (d.followUps) parts.push(`随访${d.followUps}次`);
    if (d.closed) parts.push(`结案${d.closed}例`);
    return `${parts.join('，')}。`;
  }
  parts.push(`本期应测${d.due}人，实测${d.screened}人，参测率${percent(d.screenedRate)}`);
  parts.push(
    flagged
      ? `发现预警${flagged}人（${warning
          .filter((l) => d.byLevel[l.id])
          .map((l) => `${l.name.zh}${d.byLevel[l.id]}人`)
          .join('、')}），预警率${percent(ratio(flagged, d.screened))}`
      : '未发现预警',
  );
  if (d.criticalItems) parts.push(`其中关键条目（自伤念头）阳性${d.criticalItems}人`);
  parts.push(`复核${d.interviewed}人，转介${d.referred}人、到位${d.attended}人，医院确诊${d.diagnosed}人`);
  parts.push(`目前在管${d.underManagement}人，随访${d.followUps}次，解除预警${d.lifted}人`);
  return `${parts.join('；')}。`;
}
