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
  return enterSheet(ctx, personId, source, values, 'campaignId' in source ? 'kiosk' : 'paper');
}

/**
 * A paper sheet keyed in with blanks (null), submitted as paper entry does (allowIncomplete):
 * the only way a submitted sheet can have gaps.
 */
export async function answerPartialSheet(
  ctx: AppContext,
  personId: number,
  source: { campaignId: number } | { battery: string[] },
  values: Record<string, (number | null)[]>,
) {
  return enterSheet(ctx, personId, source, values, 'paper');
}

async function enterSheet(
  ctx: AppContext,
  personId: number,
  source: { campaignId: number } | { battery: string[] },
  values: Record<string, (number | null)[]>,
  mode: 'kiosk' | 'paper',
) {
  const s = await ok(ctx, 'screening.start', { personId, ...source, mode });
  for (const [instrumentId, list] of Object.entries(values))
    for (const [i, value] of list.entries())
      if (value !== null)
        await ok(ctx, 'screening.saveAnswer', {
          screeningId: s.screeningId,
          instrumentId,
          itemId: `q${i + 1}`,
          value,
        });
  return ok(ctx, 'screening.submit', { screeningId: s.screeningId, allowIncomplete: mode === 'paper' });
}

export const zeros = (n: number) => Array<number>(n).fill(0);
