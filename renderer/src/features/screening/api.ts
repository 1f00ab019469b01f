import type { Campaign, CampaignProgress } from '../../../../shared/api/screening';
import type { OrgType } from '../../../../shared/api/auth';
import type { Programme } from '../../../../shared/instruments/schema';
import { percentValue, ratio } from '../../../../shared/figures/rates';
import { todayIso } from '../../../../shared/people/date';
import { invoke } from '../../api/client';

export type Participant = CampaignProgress['people'][number];
export type ParticipantStatus = Participant['status'];
export type GroupCounts = CampaignProgress['groups'][number];

export type { NetworkInterface } from '../../../../shared/api/station';

export const stationApi = {
  interfaces: () => invoke('station.interfaces', {}),
  start: (input: { campaignId: number; host: string; port: number }) => invoke('station.start', input),
  status: () => invoke('station.status', {}),
  stop: () => invoke('station.stop', {}),
  rotateCode: () => invoke('station.rotateCode', {}),
  decide: (requestId: string, approve: boolean) => invoke('station.decide', { requestId, approve }),
  issueCheckin: (personId: number) => invoke('station.issueCheckin', { personId }),
};

/**
 * Slip codes (测评码) by person. The first call makes the codes and is audited, so pages ask
 * only when a code is about to be printed or typed.
 */
export async function loadSlips(campaignId: number): Promise<Map<number, string>> {
  const slips = await invoke('campaigns.slips', { campaignId });
  return new Map(slips.map((s) => [s.personId, s.slipCode]));
}

export function programmeFor(orgType: OrgType | undefined): Programme {
  return orgType === 'maternal' ? 'perinatal' : 'school';
}

export async function loadCampaign(id: number): Promise<Campaign> {
  const progress = await invoke('campaigns.progress', { id });
  return progress.campaign;
}

/** Every instrument a campaign uses, in first-mentioned order. */
export function campaignBattery(campaign: Campaign): string[] {
  return [...new Set(campaign.targets.flatMap((t) => t.battery))];
}

/** 'upcoming' before its window, 'running' within it, 'over' after it or once closed. */
export function campaignPhase(campaign: Campaign, today = todayIso()): 'upcoming' | 'running' | 'over' {
  if (campaign.status === 'closed' || campaign.endsOn < today) return 'over';
  return campaign.startsOn > today ? 'upcoming' : 'running';
}

/** Progress in percent with the rounding every rate uses (33.3 for 1 of 3); 0 when nobody is due. */
export function percent(part: number, whole: number): number {
  return percentValue(ratio(part, whole) ?? 0);
}
