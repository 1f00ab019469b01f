import { MANAGED_COLOURS, type Dashboard } from '../../../shared/api/cases';
import type { ScaleFigures } from '../../../shared/figures/per-scale';
import { percentText, ratio } from '../../../shared/figures/rates';
import { warningCount, warningLevels } from '../../../shared/figures/warning';
import type { Programme } from '../../../shared/instruments';
import type { TierLevel } from '../../../shared/tiers';
import { COLOUR_LABELS } from './labels';
import type { SmallCells } from './suppress';

/** What the summary says per scale: each scale's own positives, and whether any scale asks about self-harm. */
export interface ScaleSummary {
  scales: readonly ScaleFigures[];
  /** Instruments with a critical (self-harm) item among those with results in the period. */
  withCritical: readonly string[];
  /** What a pre-screen's positive asks for (PHQ-2: 建议完成完整量表（PHQ-9）), from the rule set's labels. */
  advice: Readonly<Record<string, string>>;
}

const NO_SCALES: ScaleSummary = { scales: [], withCritical: [], advice: {} };

/** One line of the 汇总 sheet; every value is a dashboard() figure or a ratio of two of them. */
export interface Figure {
  label: string;
  /** A string only where the de-identified file hides a small count (SmallCells). */
  value: number | string | null;
  format: 'count' | 'rate';
  /** A sub-line (a level or colour of the line above). */
  indent?: boolean;
  /** A count's id for suppression: `total:…` where the statistics' 合计 line has the same figure. */
  key?: string;
  /** A rate's two counts, so it is hidden with either of them. */
  of?: { numerator: [string, number]; denominator: [string, number] };
}

const count = (label: string, value: number, indent = false, key = `summary:${label}`): Figure => ({
  label,
  value,
  format: 'count',
  key,
  ...(indent ? { indent } : {}),
});
const rate = (label: string, numerator: [string, number], denominator: [string, number]): Figure => ({
  label,
  value: ratio(numerator[1], denominator[1]),
  format: 'rate',
  of: { numerator, denominator },
});

/** Per scale, its own positives (never the combined level's) and their rate among those it screened. */
function scaleFigures(summary: ScaleSummary): Figure[] {
  return summary.scales.flatMap((s) => {
    const positive: [string, number] = [`scale:${s.instrumentId}`, s.positive];
    return [
      count(`${s.instrumentId}阳性人数（按该量表划界分）`, s.positive, true, positive[0]),
      rate(`${s.instrumentId}阳性率`, positive, [`scaleScreened:${s.instrumentId}`, s.screened]),
    ];
  });
}

export function summaryFigures(
  programme: Programme,
  d: Dashboard,
  levels: readonly TierLevel[],
  scales: ScaleSummary = NO_SCALES,
): Figure[] {
  const warning = warningLevels(programme, levels);
  const flagged = warningCount(d.byLevel, warning);
  const perLevel = levels.map((l) =>
    count(`${l.name.zh}人数`, d.byLevel[l.id] ?? 0, true, `total:level:${l.id}`),
  );
  const tasks = [count('今日到期待办数', d.tasksDueToday), count('逾期待办数', d.tasksOverdue)];
  // The ids the statistics sheet's 合计 line uses for the same figures.
  const due: [string, number] = ['total:due', d.due];
  const screened: [string, number] = ['total:screened', d.screened];
  const warned: [string, number] = ['total:flagged', flagged];
  const referred: [string, number] = ['summary:referred', d.referred];
  if (programme === 'school') {
    return [
      count('应测人数', d.due, false, due[0]),
      count('实测人数', d.screened, false, screened[0]),
      rate('参测率', screened, due),
      count('预警人数', flagged, false, warned[0]),
      ...perLevel,
      rate('预警率', warned, screened),
      count('关键条目阳性人数（危机）', d.criticalItems, false, 'total:critical'),
      ...scaleFigures(scales),
      count('复核人数', d.interviewed),
      count('转介人数', d.referred, false, referred[0]),
      count('转介到位人数', d.attended),
      count('医院确诊人数', d.diagnosed),
      count('在管人数', d.underManagement, false, 'total:managed'),
      count('随访次数', d.followUps),
      count('解除预警人数', d.lifted),
      ...tasks,
    ];
  }
  const attended: [string, number] = ['summary:attended', d.attended];
  return [
    count('应筛人数', d.due, false, due[0]),
    count('筛查人数', d.screened, false, screened[0]),
    rate('筛查率', screened, due),
    count('阳性人数', flagged, false, warned[0]),
    ...perLevel,
    rate('阳性率', warned, screened),
    count('关键条目阳性人数', d.criticalItems, false, 'total:critical'),
    ...scaleFigures(scales),
    count('转诊人数', d.referred, false, referred[0]),
    rate('转诊率', referred, warned),
    count('转诊到位人数', d.attended, false, attended[0]),
    rate('转诊到位率', attended, referred),
    count('确诊人数', d.diagnosed),
    ...MANAGED_COLOURS.filter((c) => d.managedByColour[c]).map((c) =>
      count(`纳入专案管理人数（${COLOUR_LABELS[c]}）`, d.managedByColour[c]!),
    ),
    count('在管人数', d.underManagement, false, 'total:managed'),
    count('随访次数', d.followUps),
    count('结案人数', d.closed),
    ...tasks,
  ];
}

/**
 * The de-identified summary: registers every figure with `small` (levels add up to 实测, warning
 * levels to 预警) and returns what shows them once small.solve() has run.
 */
export function suppressFigures(
  small: SmallCells,
  figures: readonly Figure[],
  levels: readonly TierLevel[],
  warning: readonly TierLevel[],
): () => Figure[] {
  const ids = new Map<string, string>();
  const register = ([key, value]: [string, number]) => {
    const id = small.count(key, value);
    ids.set(key, id);
    return id;
  };
  const cells = figures.map((f): { count?: string; rate?: [string, string] } =>
    f.of
      ? { rate: [register(f.of.numerator), register(f.of.denominator)] }
      : f.key && typeof f.value === 'number'
        ? { count: register([f.key, f.value]) }
        : {},
  );
  const id = (key: string) => ids.get(key) ?? key;
  small.sum(
    id('total:screened'),
    levels.map((l) => id(`total:level:${l.id}`)),
  );
  small.sum(
    id('total:flagged'),
    warning.map((l) => id(`total:level:${l.id}`)),
  );
  return () =>
    figures.map((f, i) => {
      const cell = cells[i]!;
      if (cell.count !== undefined) return { ...f, value: small.show(cell.count) };
      if (cell.rate !== undefined)
        return { ...f, value: small.rate(f.value as number | null, cell.rate[0], cell.rate[1]) };
      return f;
    });
}

/**
 * What the paragraph says about self-harm items and pre-screens, so it never contradicts itself: a
 * battery without a self-harm item says that none was asked (not "未发现预警；其中关键条目阳性1人");
 * critical answers are "其中" only of a warning count they belong to; a pre-screen's positives say
 * the full form is due.
 */
function riskSentences(d: Dashboard, flagged: number, scales: ScaleSummary, unit: '人' | '例'): string[] {
  const parts: string[] = [];
  const preScreens = scales.scales.filter((s) => s.positive && scales.advice[s.instrumentId]);
  if (preScreens.length)
    parts.push(
      `${preScreens.map((s) => `${s.instrumentId}筛查阳性${s.positive}${unit}`).join('、')}，${preScreens
        .map((s) => scales.advice[s.instrumentId])
        .join('、')}`,
    );
  if (d.screened && scales.scales.length && !scales.withCritical.length) {
    parts.push(
      `本期所用量表（${scales.scales.map((s) => s.instrumentId).join('、')}）不含自伤条目，未评估自伤风险`,
    );
  } else if (d.criticalItems) {
    parts.push(
      flagged
        ? `其中关键条目（自伤念头）阳性${d.criticalItems}${unit}`
        : `另有${d.criticalItems}${unit}本期曾在关键条目（自伤念头）作答阳性，其最近一次测评未达${unit === '人' ? '预警' : '阳性'}，须逐一核实`,
    );
  }
  return parts;
}

/** The paragraph a county report quotes, e.g. 共筛查1041名孕产妇，发现2例阳性病例，经专科门诊确诊，纳入橙色高危管理。 */
export function summaryParagraph(
  programme: Programme,
  d: Dashboard,
  levels: readonly TierLevel[],
  scales: ScaleSummary = NO_SCALES,
): string {
  const warning = warningLevels(programme, levels);
  const flagged = warningCount(d.byLevel, warning);
  const parts: string[] = [];
  if (programme === 'perinatal') {
    parts.push(`共筛查${d.screened}名孕产妇`);
    parts.push(flagged ? `发现${flagged}例阳性病例` : '未发现阳性病例');
    parts.push(...riskSentences(d, flagged, scales, '例'));
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
  parts.push(`本期应测${d.due}人，实测${d.screened}人，参测率${percentText(d.screenedRate)}`);
  parts.push(
    flagged
      ? `发现预警${flagged}人（${warning
          .filter((l) => d.byLevel[l.id])
          .map((l) => `${l.name.zh}${d.byLevel[l.id]}人`)
          .join('、')}），预警率${percentText(ratio(flagged, d.screened))}`
      : '未发现预警',
  );
  parts.push(...riskSentences(d, flagged, scales, '人'));
  parts.push(`复核${d.interviewed}人，转介${d.referred}人、到位${d.attended}人，医院确诊${d.diagnosed}人`);
  parts.push(`目前在管${d.underManagement}人，随访${d.followUps}次，解除预警${d.lifted}人`);
  return `${parts.join('；')}。`;
}
