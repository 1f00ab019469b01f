import { percentText } from '../figures/rates';
import { warningCount, warningLevels } from '../figures/warning';
import type { HubProgramme } from './agreement';
import { STALE_DAYS, type DistrictDashboard, type HubLevel, type HubProgrammeFigures } from './views';

/**
 * The paragraph a county's report quotes, in the county's own style, e.g.
 * 全区共筛查5982人次，参测率99.1%；发现红色预警120人、橙色预警118人、黄色预警240人，危机题阳性120人；
 * 转介120人，到位60人（到位率50.0%）。截至2026年5月4日，1所学校有逾期未完成的安全确认（共3人）。
 * or 全县共筛查1041名孕产妇，筛查率96.2%，发现2例阳性（危急1例、筛查阳性1例）…
 * Schools count 人次 and clinics count women: a hub with both says each in its own sentence.
 */
export type DistrictArea = 'county' | 'district' | 'city' | 'jurisdiction';

/** Words that end in 区/市 without being the hub's own area (社区卫生服务中心, 校区 …). */
const NOT_AN_AREA = /社区|小区|校区|学区|辖区|园区|城市|都市|超市|门市/g;

/**
 * The area the hub's name says it covers: the last 县, 区 or 市 in it (某某市某某区教育局 is a district),
 * or in English the last of county, district, city; else the jurisdiction (全辖区).
 */
export function districtArea(hubName: string): DistrictArea {
  const zh = hubName.replace(NOT_AN_AREA, '');
  const found = [...zh.matchAll(/[县区市]/g)].at(-1)?.[0];
  if (found) return found === '县' ? 'county' : found === '区' ? 'district' : 'city';
  const en = [...hubName.matchAll(/\b(county|district|city)\b/gi)].at(-1)?.[1]?.toLowerCase();
  return (en as DistrictArea | undefined) ?? 'jurisdiction';
}

const AREA_ZH: Record<DistrictArea, string> = {
  county: '全县',
  district: '全区',
  city: '全市',
  jurisdiction: '全辖区',
};
const AREA_EN: Record<DistrictArea, string> = {
  county: 'Across the county',
  district: 'Across the district',
  city: 'Across the city',
  jurisdiction: 'Across the jurisdiction',
};

/** A level's name without its note: 红色预警（一级） → 红色预警, "Red (level 1)" → "Red". */
export function shortLevelName(level: Pick<HubLevel, 'name'>, lang: 'zh' | 'en'): string {
  const name = level.name[lang];
  return (
    (lang === 'zh' ? name.replace(/[（(][^（）()]*[）)]\s*$/, '') : name.replace(/\s*\([^()]*\)\s*$/, '')) ||
    name
  );
}

const dateZh = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dateEn = (d: string) =>
  `${Number(d.slice(8, 10))} ${MONTHS_EN[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const listEn = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

const NOUN_ZH: Record<HubProgramme, string> = { school: '所学校', perinatal: '家医疗机构' };
const NOUN_EN: Record<HubProgramme, [string, string]> = {
  school: ['school', 'schools'],
  perinatal: ['clinic', 'clinics'],
};

/** Overdue safety checks, overdue tasks and late reports, as of the dashboard's day. */
function workZh(p: HubProgrammeFigures, asOf: string): string {
  const noun = NOUN_ZH[p.programme];
  const unit = p.programme === 'school' ? '人' : '例';
  const parts = [
    p.withOverdueSafetyChecks
      ? `${p.withOverdueSafetyChecks}${noun}有逾期未完成的安全确认（共${p.figures.overdueSafetyChecks}${unit}）`
      : `各${noun.slice(1)}均无逾期未完成的安全确认`,
  ];
  if (p.withOverdueTasks)
    parts.push(`${p.withOverdueTasks}${noun}有逾期未办的随访任务（共${p.figures.overdueTasks}${unit}）`);
  if (p.stale) parts.push(`${p.stale}${noun}超过${STALE_DAYS}天未上报数据`);
  return `截至${dateZh(asOf)}，${parts.join('，')}。`;
}

function workEn(p: HubProgrammeFigures, asOf: string): string {
  const [one, many] = NOUN_EN[p.programme];
  const people = (n: number) =>
    plural(n, p.programme === 'school' ? 'person' : 'case', p.programme === 'school' ? 'people' : 'cases');
  const has = (n: number) => (n === 1 ? 'has' : 'have');
  const parts = [
    p.withOverdueSafetyChecks
      ? `${plural(p.withOverdueSafetyChecks, one, many)} ${has(p.withOverdueSafetyChecks)} overdue safety checks (${people(p.figures.overdueSafetyChecks)})`
      : `no ${one} has an overdue safety check`,
  ];
  if (p.withOverdueTasks)
    parts.push(
      `${plural(p.withOverdueTasks, one, many)} ${has(p.withOverdueTasks)} overdue follow-up tasks (${people(p.figures.overdueTasks)})`,
    );
  if (p.stale)
    parts.push(`${plural(p.stale, one, many)} ${has(p.stale)} not reported for more than ${STALE_DAYS} days`);
  return `As of ${dateEn(asOf)}, ${listEn(parts)}.`;
}

function schoolZh(area: string, p: HubProgrammeFigures, mixed: boolean): string {
  const f = p.figures;
  const warning = warningLevels('school', p.levels);
  const flagged = warningCount(f.levels, warning);
  const head = `${area}${mixed ? '学校' : ''}共筛查${f.screened}人次${f.expected ? `，参测率${percentText(f.rate)}` : ''}`;
  const found = flagged
    ? `发现${warning.map((l) => `${shortLevelName(l, 'zh')}${f.levels[l.id] ?? 0}人`).join('、')}`
    : '未发现预警';
  const referral = `转介${f.referred}人，到位${f.attended}人${f.referred ? `（到位率${percentText(f.attendanceRate)}）` : ''}`;
  return `${head}；${found}，危机题阳性${f.critical}人；${referral}。`;
}

function perinatalZh(area: string, p: HubProgrammeFigures): string {
  const f = p.figures;
  const warning = warningLevels('perinatal', p.levels);
  const flagged = warningCount(f.levels, warning);
  const head = `${area}共筛查${f.screened}名孕产妇${f.expected ? `，筛查率${percentText(f.rate)}` : ''}`;
  const found = flagged
    ? `发现${flagged}例阳性（${warning.map((l) => `${shortLevelName(l, 'zh')}${f.levels[l.id] ?? 0}例`).join('、')}）`
    : '未发现阳性';
  const critical = f.critical ? `，关键条目（自伤念头）阳性${f.critical}例` : '';
  const referral = `转诊${f.referred}例，到位${f.attended}例${f.referred ? `（到位率${percentText(f.attendanceRate)}）` : ''}`;
  return `${head}，${found}${critical}；${referral}。`;
}

function schoolEn(area: string, p: HubProgrammeFigures, mixed: boolean): string {
  const f = p.figures;
  const warning = warningLevels('school', p.levels);
  const flagged = warningCount(f.levels, warning);
  const head = `${area}, ${plural(f.screened, mixed ? 'student screening was' : 'screening was', mixed ? 'student screenings were' : 'screenings were')} completed${f.expected ? ` (participation ${percentText(f.rate)})` : ''}`;
  const found = flagged
    ? `warnings: ${listEn(warning.map((l) => `${shortLevelName(l, 'en')} ${f.levels[l.id] ?? 0}`))}`
    : 'no warnings';
  const referral = `${f.referred} referred, ${f.attended} attended${f.referred ? ` (attendance ${percentText(f.attendanceRate)})` : ''}`;
  return `${head}; ${found}, ${f.critical} positive on the crisis item; ${referral}.`;
}

function perinatalEn(area: string, p: HubProgrammeFigures): string {
  const f = p.figures;
  const warning = warningLevels('perinatal', p.levels);
  const flagged = warningCount(f.levels, warning);
  const head = `${area}, ${plural(f.screened, 'pregnant or postpartum woman was', 'pregnant and postpartum women were')} screened${f.expected ? ` (coverage ${percentText(f.rate)})` : ''}`;
  const found = flagged
    ? `${flagged} positive (${listEn(warning.map((l) => `${shortLevelName(l, 'en')} ${f.levels[l.id] ?? 0}`))})`
    : 'none positive';
  const critical = f.critical ? `, ${f.critical} positive on the self-harm item` : '';
  const referral = `${f.referred} referred, ${f.attended} attended${f.referred ? ` (attendance ${percentText(f.attendanceRate)})` : ''}`;
  return `${head}, ${found}${critical}; ${referral}.`;
}

/** The district report's paragraph: per programme its figures, then its overdue work as of the day. */
export function districtParagraph(dashboard: DistrictDashboard, lang: 'zh' | 'en'): string {
  const area = districtArea(dashboard.hubName);
  const mixed = dashboard.byProgramme.length > 1;
  if (!dashboard.byProgramme.length)
    return lang === 'zh'
      ? `截至${dateZh(dashboard.asOf)}，${AREA_ZH[area]}尚无单位上报数据。`
      : `As of ${dateEn(dashboard.asOf)}, no installation ${area === 'jurisdiction' ? 'in the jurisdiction' : `in the ${area}`} has reported.`;
  const sentences = dashboard.byProgramme.map((p) => {
    if (lang === 'zh') {
      const figures =
        p.programme === 'school' ? schoolZh(AREA_ZH[area], p, mixed) : perinatalZh(AREA_ZH[area], p);
      return figures + workZh(p, dashboard.asOf);
    }
    const figures =
      p.programme === 'school' ? schoolEn(AREA_EN[area], p, mixed) : perinatalEn(AREA_EN[area], p);
    return `${figures} ${workEn(p, dashboard.asOf)}`;
  });
  return sentences.join(lang === 'zh' ? '' : ' ');
}
