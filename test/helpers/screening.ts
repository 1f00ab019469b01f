import type { AppContext } from '../../electron/services/context';
import { ok } from './app';

/**
 * One sheet answered item by item (`q1`, `q2` …) and submitted: inside a campaign as a kiosk
 * would, or outside one (a paper sheet with its own battery).
 */
export async function answerSheet(
  ctx: AppContext,
  personId: number,
  source: { campaignId: number } | { battery: string[] },
  values: Record<string, number[]>,
) {
  const s = await ok(ctx, 'screening.start', {
    personId,
    ...source,
    mode: 'campaignId' in source ? 'kiosk' : 'paper',
  });
  for (const [instrumentId, list] of Object.entries(values))
    for (const [i, value] of list.entries())
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId,
        itemId: `q${i + 1}`,
        value,
      });
  return ok(ctx, 'screening.submit', { screeningId: s.screeningId });
}

export const zeros = (n: number) => Array<number>(n).fill(0);
