import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { closeSession } from '../../electron/services/context';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';
import { questionTexts, WJX_LEAD, wjxLead, wjxWorkbook } from '../helpers/wjx';

const tempDir = useTempDirs();
const password = { ANXIN_PASSWORD: ADMIN_PASSWORD };

beforeAll(() => ensureBuilt());

/** A perinatal service with two women on an EPDS campaign, one of whom declined at the kiosk. */
async function setUp() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir, 'maternal');
  const { insertPerson } = await import('../../electron/services/people/people');
  const ids = ['HB001', 'HB002'].map((handbookNo, i) =>
    insertPerson(ctx.db!, 'woman', { name: `孕妇${i + 1}`, handbookNo, status: 'active' }, ctx.user!.id),
  );
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '产后访视',
    programme: 'perinatal',
    startsOn: '2026-10-01',
    endsOn: '2026-10-31',
    targets: [{ battery: ['EPDS'] }],
  });
  const sitting = await ok(ctx, 'screening.start', {
    campaignId: campaign.id,
    personId: ids[1]!,
    mode: 'kiosk',
  });
  await ok(ctx, 'screening.decline', { screeningId: sitting.screeningId });
  closeSession(ctx);
  // Exported "by number" from a form whose options were laid out in English order (the question
  // texts were kept in Chinese, so only --order says so): every answer is the first printed option.
  const ones = Array.from({ length: 10 }, () => '1');
  const file = join(dir, 'wjx.xlsx');
  writeFileSync(
    file,
    await wjxWorkbook(
      [...WJX_LEAD, '保健手册编号', '姓名', ...questionTexts('EPDS', 'zh')],
      [
        [...wjxLead(1), 'HB001', '孕妇1', ...ones],
        [...wjxLead(2), 'HB002', '孕妇2', ...ones],
        [...wjxLead(3), 'HB404', '不在名单', ...ones],
      ],
    ),
  );
  return { dir, file, campaignId: String(campaign.id) };
}

describe('anxin import responses', () => {
  test('--order en reads option numbers in English order; unmatched critical rows are in --json; --on-conflict keep-both', async () => {
    const { dir, file, campaignId } = await setUp();
    const base = ['import', 'responses', file, '--data-dir', dir, '--campaign', campaignId, '--json'];

    const zh = anxin(base, password);
    expect(zh.code).toBe(0);
    // Chinese order: position 1 is "没有这样" everywhere, nothing critical.
    expect(zh.json()).toMatchObject({ committed: false, criticalNotImported: [] });

    const preview = anxin([...base, '--order', 'en'], password).json();
    expect(preview.outcomes).toMatchObject({ matched: 1, conflict_declined: 1, not_in_campaign: 1 });
    expect(preview.criticalNotImported).toEqual([
      expect.objectContaining({ row: 3, outcome: 'conflict_declined', name: '孕妇2' }),
      expect.objectContaining({
        row: 4,
        studentNo: 'HB404',
        outcome: 'not_in_campaign',
        reason: '保健手册编号不在本次测评名单中',
        critical: [expect.objectContaining({ instrumentId: 'EPDS', itemNumber: 10, value: 3 })],
      }),
    ]);

    const committed = anxin([...base, '--order', 'en', '--on-conflict', 'keep-both', '--commit'], password);
    expect(committed.code).toBe(0);
    expect(committed.json()).toMatchObject({
      committed: true,
      scored: 2,
      results: { critical: 2 },
      criticalNotImported: [expect.objectContaining({ row: 4 })],
    });
    const text = anxin(
      ['import', 'responses', file, '--data-dir', dir, '--campaign', campaignId, '--order', 'en'],
      password,
    ).stdout;
    expect(text).toContain('！第4行 row 4 关键条目阳性未导入 critical answer NOT imported');

    const again = anxin(
      [...base, '--order', 'en', '--on-conflict', 'keep-both', '--commit'],
      password,
    ).json();
    expect(again).toMatchObject({ scored: 0, outcomes: { duplicate: 2, not_in_campaign: 1 } });

    const bad = anxin([...base, '--order', 'fr'], password);
    expect(bad.code).not.toBe(0);
    expect(bad.json().error.message).toBe('--order must be zh (Chinese form) or en (English form).');
  });
});
