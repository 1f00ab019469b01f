// `anxin worklist` and `anxin alerts`: the stable --json shapes, through the same role checks as the UI.
import { beforeAll, describe, expect, test } from 'vitest';
import { todayIso } from '../../shared/people';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
beforeAll(ensureBuilt, 300_000);

/** A school where 张三 answered PHQ-9 item 9 = 3 at the kiosk and never submitted; 李四 is orange. */
async function schoolWithCriticalAnswer() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'M', birthDate: '2011-03-05', grade: '七年级', className: '1班' });
  const zhang = await add('S1', '张三');
  const li = await add('S2', '李四');
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '普测',
    programme: 'school',
    startsOn: '2026-11-23',
    endsOn: '2026-11-30',
    targets: [{ battery: ['PHQ-9'] }],
  });
  const sheet = await ok(ctx, 'screening.start', { campaignId: campaign.id, personId: zhang.id, mode: 'kiosk' });
  await ok(ctx, 'screening.saveAnswer', { screeningId: sheet.screeningId, instrumentId: 'PHQ-9', itemId: 'q9', value: 3 });
  const other = await ok(ctx, 'screening.start', { campaignId: campaign.id, personId: li.id, mode: 'kiosk' });
  for (let i = 1; i <= 9; i++)
    await ok(ctx, 'screening.saveAnswer', { screeningId: other.screeningId, instrumentId: 'PHQ-9', itemId: `q${i}`, value: i === 9 ? 0 : 2 });
  await ok(ctx, 'screening.submit', { screeningId: other.screeningId });
  await ok(ctx, 'users.create', { username: 'sun', displayName: '孙老师', role: 'screener', password: 'screener-pass-1' });
  await ok(ctx, 'users.create', { username: 'zhou', displayName: '周科长', role: 'supervisor', password: 'super-pass-1' });
  await ok(ctx, 'auth.logout', {});
  return { dir, zhang, li, campaignId: campaign.id };
} // prettier-ignore

describe('anxin worklist / anxin alerts', () => {
  test('worklist lists open cases with reasons, the next action in kebab-case and the unsubmitted mark', async () => {
    const { dir, zhang, li } = await schoolWithCriticalAnswer();
    const admin = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    const run = anxin(['worklist', '--data-dir', dir, '--json'], admin);
    expect(run.code).toBe(0);
    const today = todayIso();
    expect(run.json()).toEqual({
      items: [
        {
          caseId: expect.any(Number),
          personId: zhang.id,
          name: '张三',
          level: 'red',
          reasons: ['PHQ-9 第9题阳性（自伤念头）'],
          reasonFacts: [
            {
              kind: 'item_positive',
              instrument: 'PHQ-9',
              item: 9,
              meaning: { zh: '自伤念头', en: 'self-harm thoughts' },
            },
          ],
          nextAction: { type: 'safety-check', due: today },
          incomplete: true,
          responsible: null,
        },
        {
          caseId: expect.any(Number),
          personId: li.id,
          name: '李四',
          level: 'orange',
          reasons: ['PHQ-9 总分 16（15–19）'],
          reasonFacts: [
            { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: true },
          ],
          nextAction: { type: 'first-contact', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
          incomplete: false,
          responsible: null,
        },
      ],
    });
    const red = anxin(['worklist', '--data-dir', dir, '--level', 'red', '--json'], admin).json();
    expect(red.items.map((i: { name: string }) => i.name)).toEqual(['张三']);
    expect(anxin(['worklist', '--data-dir', dir], admin).stdout).toContain('未完成（含关键条目阳性）');
    const unknown = anxin(['worklist', '--data-dir', dir, '--level', 'purple', '--json'], admin);
    expect([unknown.code, unknown.json().error.message]).toEqual([
      2,
      '--level must be one of red, orange, yellow, green (school).',
    ]);
    // A screener runs screening days; the worklist (answers, reasons) is not theirs.
    const screener = anxin(['worklist', '--data-dir', dir, '--user', 'sun', '--json'], {
      ANXIN_PASSWORD: 'screener-pass-1',
    });
    expect(screener.code).toBe(1);
    expect(screener.json().error.code).toBe('forbidden');
  }, 60_000);

  test('alerts lists the open critical alerts; a screener learns who and where, not the answer; a supervisor is refused', async () => {
    const { dir, zhang, campaignId } = await schoolWithCriticalAnswer();
    const run = anxin(['alerts', '--data-dir', dir, '--json'], { ANXIN_PASSWORD: ADMIN_PASSWORD });
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      alerts: [
        {
          id: expect.any(Number),
          screeningId: expect.any(Number),
          campaignId,
          campaignName: '普测',
          personId: zhang.id,
          caseId: expect.any(Number),
          name: '张三',
          group: '七年级 1班',
          seat: null,
          source: 'kiosk',
          live: true,
          submitted: false,
          critical: { instrumentId: 'PHQ-9', itemNumber: 9, value: 3 },
          raisedAt: expect.any(String),
          arrivedAt: null,
          arrivedBy: null,
          resolvedAt: null,
        },
      ],
    });
    const other = anxin(['alerts', '--data-dir', dir, '--campaign', String(campaignId + 1), '--json'], {
      ANXIN_PASSWORD: ADMIN_PASSWORD,
    });
    expect(other.json()).toEqual({ alerts: [] });
    const screener = anxin(['alerts', '--data-dir', dir, '--user', 'sun', '--json'], {
      ANXIN_PASSWORD: 'screener-pass-1',
    }).json();
    expect(screener.alerts).toHaveLength(1);
    expect(screener.alerts[0]).toMatchObject({ name: '张三', critical: null });
    const supervisor = anxin(['alerts', '--data-dir', dir, '--user', 'zhou', '--json'], {
      ANXIN_PASSWORD: 'super-pass-1',
    });
    expect([supervisor.code, supervisor.json().error.code]).toEqual([1, 'forbidden']);
    const bad = anxin(['alerts', '--data-dir', dir, '--campaign', 'x', '--json'], {
      ANXIN_PASSWORD: ADMIN_PASSWORD,
    });
    expect([bad.code, bad.json().error.message]).toEqual([2, '--campaign must be a campaign id.']);
  }, 60_000);
});
