import type { PerinatalStatus, Person } from '../../../../shared/api/people';
import { i18n } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';

type TimePoint = PerinatalStatus['timePoints'][number];

export function sexLabel(sex: Person['sex']): string {
  return sex ? i18n.t(`students.sex.${sex}`) : '—';
}

/** Known statuses in words; anything else (a value an import brought in) as it is. */
export function statusLabel(status: string): string {
  if (Object.hasOwn(zhCN.students.status, status))
    return i18n.t(`students.status.${status as keyof typeof zhCN.students.status}`);
  if (Object.hasOwn(zhCN.women.status, status))
    return i18n.t(`women.status.${status as keyof typeof zhCN.women.status}`);
  return status;
}

/** "孕中期 20+3周" / "产后12天", worded in the UI language from the numbers, not the server's label. */
export function stageText(perinatal: PerinatalStatus | null): string {
  if (!perinatal?.stage) return '—';
  // Past 42 weeks with no delivery recorded she is not "孕晚期 44+3周": say how long past due.
  if (perinatal.deliveryNeeded) return i18n.t('women.pastDue', { days: perinatal.daysPastDue ?? 0 });
  if (perinatal.stage === 'postpartum')
    return i18n.t('women.stageLabel.postpartum', { days: perinatal.postpartumDays ?? 0 });
  const g = perinatal.gestation;
  return i18n.t('women.stageLabel.pregnant', {
    short: i18n.t(`women.stageShort.${perinatal.stage}`),
    weeks: g?.weeks ?? 0,
    days: g?.days ?? 0,
  });
}

export function timePointLabel(point: TimePoint['point']): string {
  return i18n.t(`women.point.${point}`);
}

/** "2026-10-12 至 2027-01-17", "2026-11-19 起", with "（预计）" when the dates rest on an estimate. */
export function windowText(tp: Pick<TimePoint, 'start' | 'end' | 'estimated'>): string {
  let text = '';
  if (tp.start && tp.end) text = i18n.t('women.window.range', { start: tp.start, end: tp.end });
  else if (tp.start) text = i18n.t('women.window.from', { start: tp.start });
  else if (tp.end) text = i18n.t('women.window.until', { end: tp.end });
  if (tp.estimated) text += i18n.t('women.window.estimated');
  return text;
}

/** 学籍号 for a student, 手册编号 (or 身份证号) for a woman. */
export function personNumber(p: Pick<Person, 'kind' | 'studentNo' | 'handbookNo' | 'idNumber'>): string {
  return (p.kind === 'student' ? p.studentNo : (p.handbookNo ?? p.idNumber)) ?? '—';
}

/** "已筛 2026-05-20", "当前应筛", "未到" …: where a time point stands with her screenings counted. */
export function pointStateText(tp: Pick<TimePoint, 'state' | 'doneOn'>): string {
  if (tp.state === 'done' && tp.doneOn) return i18n.t('women.doneOn', { date: tp.doneOn });
  return i18n.t(`women.pointState.${tp.state}`);
}
