import { refusal } from '../../../shared/api/errors';

/** Refusals several screening paths share (start a sheet, start a station, approve a sign-in). */
export const campaignClosed = (campaignId: number) =>
  refusal('conflict', 'campaigns.closed', `Campaign ${campaignId} has ended.`);

export const notParticipant = () =>
  refusal('forbidden', 'campaigns.not_participant', 'This person is not on the campaign list.');
