// Issue 14: a campaign selects people by its criteria when someone signs in or its list is read,
// not by a list frozen at creation; each programme has its own consent; PSC-17 is not offered to a
// maternal service; PHQ-9's difficulty question is skipped after nine 0 answers.
import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { startStation, stopStation } from '../../electron/transports/station';
import type { StationDone, StationSession } from '../../shared/api/station';
import { DEFAULT_CONSENT } from '../../shared/screening/consent';
import { idCheckChar } from '../../shared/people/id-number';
import { addDays, todayIso } from '../../shared/people/date';
import { ADMIN_PASSWORD, fails, ok, setUpApp } from '../helpers/app';
import { anxin, ensureBuilt } from '../helpers/cli';
import { answerSheet, zeros } from '../helpers/screening';
import { api, value } from '../helpers/station-http';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const stations: AppContext[] = [];
afterEach(async () => {
  while (stations.length) await stopStation(stations.pop()!);
});

const TODAY = todayIso();
const live = { startsOn: addDays(TODAY, -3), endsOn: addDays(TODAY, 10) };
const file = (csv: string) => ({ fileName: 'r.csv', contentBase64: Buffer.from(csv).toString('base64') });

async function roster(ctx: AppContext, rows: string[]) {
  const csv = `学籍号,姓名,性别,出生日期,年级,班级\n${rows.join('\n')}\n`;
  const summary = await ok(ctx, 'people.importCommit', { kind: 'student', file: file(csv) });
  expect(summary.rejected).toEqual([]);
}

async function school() {
  const { ctx } = await setUpApp(tempDir());
  await roster(ctx, [
    'S001,张一,男,2011-03-05,七年级,1班',
    'S002,张二,女,2011-03-05,七年级,1班',
    'S003,李三,男,2011-03-05,七年级,2班',
  ]);
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '七年级1班普测',
    programme: 'school',
    ...live,
    targets: [{ grades: ['七年级'], classNames: ['1班'], battery: ['PHQ-9', 'GAD-7'] }],
  });
  return { ctx, campaignId: campaign.id, created: campaign };
}

const listed = async (ctx: AppContext, id: number) =>
  (await ok(ctx, 'campaigns.progress', { id })).people.map((p) => `${p.name}:${p.status}`).sort();
const personId = async (ctx: AppContext, name: string) =>
  (await ok(ctx, 'people.search', { query: name })).find((p) => p.name === name)!.id;

/** A valid 18-digit ID number of a woman born on the given day. */
function womanId(birth: string, seq: number): string {
  const first17 = `110101${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
}

describe('a campaign selects by its criteria', () => {
  test('a student imported after creation who matches is listed, counted, signs in at the kiosk and completes', async () => {
    const { ctx, campaignId, created } = await school();
    expect(created.participants).toBe(2);
    // Registered after the campaign began: one in the campaign's class, one in another class.
    await roster(ctx, ['S004,王四,女,2011-04-06,七年级,1班', 'S005,赵五,男,2011-04-06,七年级,3班']);
    expect(await listed(ctx, campaignId)).toEqual(['张一:due', '张二:due', '王四:due']);
    const plan = (await ok(ctx, 'campaigns.list', {})).find((c) => c.id === campaignId)!;
    expect(plan.participants).toBe(3);

    // The kiosk finds her by 学籍号 + birth date (once 信息不匹配), and she completes.
    const { personId: wang } = await ok(ctx, 'screening.identify', {
      campaignId,
      number: 'S004',
      birthDate: '2011-04-06',
    });
    await answerSheet(ctx, wang, { campaignId }, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
    const progress = await ok(ctx, 'campaigns.progress', { id: campaignId });
    expect(progress.overall).toMatchObject({ total: 3, done: 1, due: 2 });
    // The one in 3班 is not on this campaign's list and cannot sign in to it.
    expect(
      await fails(ctx, 'screening.identify', { campaignId, number: 'S005', birthDate: '2011-04-06' }),
    ).toMatchObject({ code: 'not_found' });
    const zhao = await personId(ctx, '赵五');
    expect(await fails(ctx, 'screening.start', { campaignId, personId: zhao, mode: 'kiosk' })).toMatchObject({
      code: 'forbidden',
    });
  });

  test('someone who moved class and has not started is no longer due; someone who started stays', async () => {
    const { ctx, campaignId } = await school();
    const zhang2 = await personId(ctx, '张二');
    // 张二 opened her sheet before moving; 张一 never started.
    await ok(ctx, 'screening.start', { campaignId, personId: zhang2, mode: 'kiosk' });
    await roster(ctx, ['S001,张一,男,2011-03-05,七年级,2班', 'S002,张二,女,2011-03-05,七年级,2班']);
    expect(await listed(ctx, campaignId)).toEqual(['张二:in_progress']);
    expect(
      await fails(ctx, 'screening.identify', { campaignId, number: 'S001', birthDate: '2011-03-05' }),
    ).toMatchObject({ code: 'not_found' });
    // Her started sheet goes on and is counted.
    await answerSheet(ctx, zhang2, { campaignId }, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
    expect((await ok(ctx, 'campaigns.progress', { id: campaignId })).overall).toMatchObject({
      total: 1,
      done: 1,
    });
    // Moved back: due again.
    await roster(ctx, ['S001,张一,男,2011-03-05,七年级,1班']);
    expect(await listed(ctx, campaignId)).toEqual(['张一:due', '张二:done']);
  });

  test('a campaign made before criteria (a frozen list) keeps its people and admits late matches; an ended one is history', async () => {
    const { ctx, campaignId } = await school();
    const db = ctx.db!;
    // As an older version left it: a participant row for everyone at creation, slips printed.
    await ok(ctx, 'campaigns.slips', { campaignId });
    const slips = db
      .prepare(
        'SELECT person_id, slip_code FROM campaign_participants WHERE campaign_id = ? ORDER BY person_id',
      )
      .all(campaignId) as { person_id: number; slip_code: string }[];
    expect(slips).toHaveLength(2);
    await roster(ctx, ['S006,钱六,女,2011-05-07,七年级,1班']);
    // The printed slips are unchanged; the newcomer gets one on the next print.
    const again = await ok(ctx, 'campaigns.slips', { campaignId });
    expect(again).toHaveLength(3);
    expect(
      db
        .prepare(
          'SELECT person_id, slip_code FROM campaign_participants WHERE campaign_id = ? AND person_id IN (?, ?) ORDER BY person_id',
        )
        .all(campaignId, slips[0]!.person_id, slips[1]!.person_id),
    ).toEqual(slips);

    // Past its last day the list is what it was: a later match is not added.
    db.prepare('UPDATE campaigns SET ends_on = ? WHERE id = ?').run(addDays(TODAY, -1), campaignId);
    await roster(ctx, ['S007,孙七,男,2011-05-07,七年级,1班']);
    expect(await listed(ctx, campaignId)).toEqual(['张一:due', '张二:due', '钱六:due']);
  });

  test('a woman registered after a perinatal campaign began signs in at the station, completes and is counted', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const lmp = addDays(TODAY, -20 * 7);
    const women = (rows: string[]) =>
      ok(ctx, 'people.importCommit', {
        kind: 'woman',
        file: file(`姓名,身份证号,保健手册编号,末次月经,手机号\n${rows.join('\n')}\n`),
      });
    await women([`孕妇甲,${womanId('1994-02-11', 1)},MY001,${lmp},13900000001`]);
    // Made from the CLI's defaults: no consent text of its own.
    const campaign = await ok(ctx, 'campaigns.create', {
      name: '孕中期筛查',
      programme: 'perinatal',
      ...live,
      targets: [{ timePoints: ['mid'], battery: ['EPDS', 'PHQ-9'] }],
    });
    expect(campaign.participants).toBe(1);
    expect(campaign.consentText).toBe(DEFAULT_CONSENT.perinatal.zh);
    // Registered afterwards: one at mid-pregnancy, one early (not this time point).
    await women([
      `孕妇乙,${womanId('1995-03-12', 2)},MY002,${lmp},13900000002`,
      `孕妇丙,${womanId('1996-04-13', 3)},MY003,${addDays(TODAY, -8 * 7)},13900000003`,
    ]);
    const status = await startStation(ctx, {
      campaignId: campaign.id,
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
    });
    stations.push(ctx);
    const port = Number(new URL(status.url!).port);
    const code = status.stationCode!;
    const early = await api(port, 'identify', {
      stationCode: code,
      recordNo: 'MY003',
      birthDate: '1996-04-13',
    });
    expect(early.status).toBe(404);
    const session = await value<StationSession>(
      api(port, 'identify', { stationCode: code, recordNo: 'MY002', birthDate: '1995-03-12' }),
    );
    // Worded for a woman: her programme's consent, the forms with 您.
    expect(session.programme).toBe('perinatal');
    expect(session.consentText).toBe(DEFAULT_CONSENT.perinatal.zh);
    expect(session.consentText).not.toMatch(/学校|老师|评优|成绩/);
    const phq9 = session.instruments.find((d) => d.id === 'PHQ-9')!;
    expect(phq9.instructions.zh).toContain('您');
    await value(api(port, 'consent', { token: session.token, accept: true }));
    for (const def of session.instruments)
      for (const item of def.items.filter((i) => i.scored))
        await value(
          api(port, 'answer', { token: session.token, instrumentId: def.id, itemId: item.id, value: 0 }),
        );
    // Every PHQ-9 answer was 0: the difficulty question was never asked and is not required.
    const done = await value<StationDone>(api(port, 'submit', { token: session.token }));
    expect(done.status).toBe('submitted');
    expect(done.message).not.toMatch(/老师|班主任/);
    const progress = await ok(ctx, 'campaigns.progress', { id: campaign.id });
    expect(progress.people.map((p) => `${p.name}:${p.status}`).sort()).toEqual(['孕妇乙:done', '孕妇甲:due']);
    expect(progress.overall).toMatchObject({ total: 2, done: 1 });
  });
});

describe('consent per programme', () => {
  test('each programme gets its own default; a perinatal campaign that stored the school words shows the perinatal ones', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: file(
        `姓名,身份证号,保健手册编号,末次月经\n孕妇甲,${womanId('1994-02-11', 1)},MY001,${addDays(TODAY, -20 * 7)}\n`,
      ),
    });
    const perinatal = await ok(ctx, 'campaigns.create', {
      name: '筛查',
      programme: 'perinatal',
      ...live,
      targets: [{ battery: ['EPDS'] }],
    });
    const school = await ok(ctx, 'campaigns.create', {
      name: '普测',
      programme: 'school',
      ...live,
      targets: [{ battery: ['PHQ-9'] }],
    });
    expect(perinatal.consentText).toBe(DEFAULT_CONSENT.perinatal.zh);
    expect(school.consentText).toBe(DEFAULT_CONSENT.school.zh);
    expect(DEFAULT_CONSENT.perinatal.zh).toMatch(/您/);
    expect(DEFAULT_CONSENT.perinatal.zh).not.toMatch(/你|学校|老师|评优|成绩/);
    expect(DEFAULT_CONSENT.perinatal.en).not.toMatch(/school|teacher|grade/i);
    // A campaign from before: the school's words stored on a perinatal campaign.
    ctx
      .db!.prepare('UPDATE campaigns SET consent_text = ? WHERE id = ?')
      .run(DEFAULT_CONSENT.school.zh, perinatal.id);
    const woman = (await ok(ctx, 'campaigns.progress', { id: perinatal.id })).people[0]!.personId;
    const sheet = await ok(ctx, 'screening.start', {
      campaignId: perinatal.id,
      personId: woman,
      mode: 'kiosk',
    });
    expect(sheet.consentText).toBe(DEFAULT_CONSENT.perinatal.zh);
  });

  test('the CLI selects by --time-points and refuses PSC-17 for a maternal service with a code', async () => {
    ensureBuilt();
    const dir = tempDir();
    const env = { ANXIN_PASSWORD: ADMIN_PASSWORD };
    expect(
      anxin(['init', '--data-dir', dir, '--org-type', 'maternal', '--org-name', '妇幼', '--json'], env).code,
    ).toBe(0);
    const made = anxin(
      [
        'campaign',
        'create',
        '--data-dir',
        dir,
        '--name',
        '筛查',
        '--programme',
        'perinatal',
        '--battery',
        'EPDS',
        '--json',
      ],
      env,
    );
    expect(made.code).toBe(0);
    // Criteria from the CLI: a time point the woman is not at today selects nobody yet.
    const byPoint = anxin(
      [
        'campaign',
        'create',
        '--data-dir',
        dir,
        '--name',
        '产后',
        '--programme',
        'perinatal',
        '--battery',
        'EPDS',
        '--time-points',
        'postpartum42',
        '--json',
      ],
      env,
    );
    expect(byPoint.code).toBe(0);
    expect(byPoint.json()).toMatchObject({ participants: 0 });
    const badPoint = anxin(
      [
        'campaign',
        'create',
        '--data-dir',
        dir,
        '--name',
        'x',
        '--programme',
        'perinatal',
        '--battery',
        'EPDS',
        '--time-points',
        'week30',
        '--json',
      ],
      env,
    );
    expect(badPoint.json()).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('--time-points') },
    });
    const refused = anxin(
      [
        'campaign',
        'create',
        '--data-dir',
        dir,
        '--name',
        '家长问卷',
        '--programme',
        'perinatal',
        '--battery',
        'PSC-17',
        '--json',
      ],
      env,
    );
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      error: { code: 'invalid_input', detail: { reason: 'campaigns.instrument_not_for_programme' } },
    });
  });
});

describe('instruments per programme', () => {
  test('PSC-17 is refused for a perinatal campaign; students read PHQ-9 with 你', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    expect(
      await fails(ctx, 'campaigns.create', {
        name: 'x',
        programme: 'perinatal',
        ...live,
        targets: [{ battery: ['PSC-17'] }],
      }),
    ).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'campaigns.instrument_not_for_programme', params: { instrument: 'PSC-17' } },
    });
  });

  test('a kiosk sheet with nine 0 answers submits without the difficulty question; scoring is unchanged', async () => {
    const { ctx, campaignId } = await school();
    const zhang = await personId(ctx, '张一');
    const outcome = await answerSheet(ctx, zhang, { campaignId }, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) });
    expect(outcome.results.find((r) => r.instrumentId === 'PHQ-9')).toMatchObject({
      total: 0,
      complete: true,
    });
  });
});
