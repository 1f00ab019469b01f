import type { Alert } from '../../../../shared/api/screening';

/** One campaign's open alerts in the alert centre (alerts without a campaign form their own group). */
export interface CampaignGroup {
  campaignId: number | null;
  campaignName: string | null;
  alerts: Alert[];
  /** Alerts nobody has reported arriving at yet. */
  unattended: number;
}

const newestFirst = (a: Alert, b: Alert) =>
  a.raisedAt === b.raisedAt ? b.id - a.id : a.raisedAt < b.raisedAt ? 1 : -1;

/**
 * Groups alerts by campaign: the campaign with the newest alert first, alerts newest first
 * inside each, so what just happened is at the top however many older ones are open.
 */
export function groupByCampaign(alerts: readonly Alert[]): CampaignGroup[] {
  const groups = new Map<number | null, CampaignGroup>();
  for (const alert of [...alerts].sort(newestFirst)) {
    let group = groups.get(alert.campaignId);
    if (!group) {
      group = { campaignId: alert.campaignId, campaignName: alert.campaignName, alerts: [], unattended: 0 };
      groups.set(alert.campaignId, group);
    }
    group.alerts.push(alert);
    if (!alert.arrivedAt) group.unattended++;
  }
  return [...groups.values()];
}

export const unattended = (alerts: readonly Alert[]): number => alerts.filter((a) => !a.arrivedAt).length;

/**
 * What the alert asks staff to do. Only an answer given on a screen in the room (station,
 * kiosk) means the person is here now — go to them; a paper sheet or an imported result was
 * answered earlier and elsewhere, so it asks for contact soon and must never say "go now".
 */
export type AdviceKey = 'goNow' | 'paper' | 'import';
export function adviceKey(alert: Pick<Alert, 'live' | 'source'>): AdviceKey {
  if (alert.live) return 'goNow';
  return alert.source === 'import' ? 'import' : 'paper';
}

/** How long ago an alert was raised, in the largest whole unit (for "5 分钟前"). */
export function since(
  raisedAt: string,
  now: number,
): { unit: 'now' | 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.floor((now - Date.parse(raisedAt)) / 60_000);
  if (!(minutes >= 1)) return { unit: 'now', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 24 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / (24 * 60)) };
}

/** Ids in `alerts` not in `seen` (the ones that should sound and be highlighted). */
export function freshIds(seen: ReadonlySet<number>, alerts: readonly Alert[]): number[] {
  return alerts.filter((a) => !seen.has(a.id)).map((a) => a.id);
}
