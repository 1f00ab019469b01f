import { describe, expect, test } from 'vitest';
import { createContext } from '../../electron/services/context';
import { addDays, idCheckChar, todayIso } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();

const TODAY = todayIso();
const FROM = addDays(TODAY, -60);
const PHQ_RED = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // 9, item 9 answered: critical
const PHQ_ORANGE = [2, 2, 2, 2, 2, 2, 2, 2, 0]; // 16
const PHQ_YELLOW = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // 10
const GAD_MILD = [1, 1, 1, 1, 1, 0, 0]; // 5

/**
 * Seven students: 七年级 1班 张三 (red, then referred), 李四 (green), 王五 (orange); 七年级 2班
 * 赵六 (yellow), 钱七 (never screened); 八年级 1班 孙八 (orange) and 周九 (green). Everyone in 七年级
 * is due in one campaign.
 */
async function school() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string, grade: string, className: string, sex: 'M' | 'F' = 'F') =>
    ok(ctx, 'students.add', { studentNo, name, sex, birthDate: '2011-03-05', grade, className });
  const zhang = await add('20230101', '张三', '七年级', '1班', 'M');
  const li = await add('20230102', '李四', '七年级', '1班');
  const wang = await add('20230103', '王五', '七年级', '1班');
  const zhao = await add('20230201', '赵六', '七年级', '2班');
  await add('20230202', '钱七', '七年级', '2班');
  const sun = await add('20220101', '孙八', '八年级', '1班');
  const zhou = await add('20220102', '周九', '八年级', '1班');
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: FROM,
    endsOn: TODAY,
    targets: [{ grades: ['七年级'], battery: ['PHQ-9', 'GAD-7'] }],
  });
  const inCampaign = (id: number, phq: number[], gad = zeros(7)) =>
    answerSheet(ctx, id, { campaignId: campaign.id }, { 'PHQ-9': phq, 'GAD-7': gad });
  // 张三's earlier paper sheet, a month back: his history has two rows, newest first.
  const earlier = await answerSheet(ctx, zhang.id, { battery: ['PHQ-9'] }, { 'PHQ-9': PHQ_YELLOW });
  ctx.db!.prepare('UPDATE screenings SET submitted_at = ? WHERE id = ?').run(`${addDays(TODAY, -30)}T09:00:00.000Z`, earlier.screeningId); // prettier-ignore
  expect((await inCampaign(zhang.id, PHQ_RED, GAD_MILD)).level).toBe('red');
  expect((await inCampaign(li.id, zeros(9))).level).toBe('green');
  expect((await inCampaign(wang.id, PHQ_ORANGE)).level).toBe('orange');
  expect((await inCampaign(zhao.id, PHQ_YELLOW)).level).toBe('yellow');
  const outside = (id: number, phq: number[]) =>
    answerSheet(ctx, id, { battery: ['PHQ-9'] }, { 'PHQ-9': phq });
  expect((await outside(sun.id, PHQ_ORANGE)).level).toBe('orange');
  expect((await outside(zhou.id, zeros(9))).level).toBe('green');

  await ok(ctx, 'people.correct', {
    id: zhang.id,
    changes: { guardianName: '张父', guardianPhone: '13800000001', school: '安心市第一中学' },
    reason: '补录监护人',
  });
  const cases = await ok(ctx, 'cases.worklist', { programme: 'school' });
  const caseOf = (name: string) => cases.find((c) => c.name === name)!.caseId;
  const caseId = caseOf('张三');
  await ok(ctx, 'cases.safetyCheck', {
    caseId,
    talked: true,
    riskAssessed: true,
    familyContacted: true,
    plan: 'referral',
    outcome: '已面谈，无自伤计划；已通知父亲，建议就医',
  });
  await ok(ctx, 'cases.interview', {
    caseId,
    summary: '约谈40分钟，近两周情绪低落',
    confirmedLevel: 'red',
    reason: '维持红色预警',
  });
  const referred = await ok(ctx, 'cases.refer', {
    caseId,
    institution: '安心市精神卫生中心',
    department: '儿童青少年心理科',
    referredOn: TODAY,
    consent: true,
  });
  const other = await ok(ctx, 'cases.refer', {
    caseId: caseOf('孙八'),
    institution: '安心市第二人民医院',
    referredOn: TODAY,
    consent: true,
  });
  await ok(ctx, 'cases.updateReferral', {
    referralId: other.referrals[0]!.id,
    status: 'attended',
    attendedOn: TODAY,
  });
  return { ctx, dir, referralId: referred.referrals[0]!.id, zhang, caseId };
}

async function login(
  dir: string,
  username: string,
  role: 'supervisor' | 'class_teacher',
  admin: ReturnType<typeof createContext>,
) {
  await ok(admin, 'users.create', {
    username,
    displayName: username,
    role,
    password: 'report-pass-1',
    ...(role === 'class_teacher' ? { classes: [{ grade: '七年级', className: '1班' }] } : {}),
  });
  const ctx = createContext(dir, 'http');
  await ok(ctx, 'auth.login', { username, password: 'report-pass-1' });
  return ctx;
}

describe('printable reports', () => {
  test('a referral letter carries the identity, the reasons, the history newest first and the contacts', async () => {
    const { ctx, referralId, zhang, caseId } = await school();
    const letter = await ok(ctx, 'reports.referral', { referralId });
    expect(letter).toMatchObject({
      orgName: '实验中学',
      programme: 'school',
      referredBy: '王老师',
      referral: {
        id: referralId,
        institution: '安心市精神卫生中心',
        department: '儿童青少年心理科',
        referredOn: TODAY,
        consent: true,
        status: 'referred',
      },
      person: {
        id: zhang.id,
        name: '张三',
        sex: 'M',
        birthDate: '2011-03-05',
        school: '安心市第一中学',
        grade: '七年级',
        className: '1班',
        guardianName: '张父',
        guardianPhone: '13800000001',
      },
      case: { id: caseId, level: 'red', screenLevel: 'red', confirmedLevel: 'red', responsible: '王老师' },
    });
    expect(letter.case.reasons.map((r) => reasonWords(r, 'zh'))).toEqual(['PHQ-9 第9题阳性（自伤念头）']);
    expect(
      letter.screenings.map((s) => [
        s.submittedAt.slice(0, 10),
        s.level,
        s.results.map((r) => [r.instrumentId, r.total, r.band]),
      ]),
    ).toEqual([
      [
        TODAY,
        'red',
        [
          ['PHQ-9', 9, 'mild'],
          ['GAD-7', 5, 'mild'],
        ],
      ],
      [addDays(TODAY, -30), 'yellow', [['PHQ-9', 10, 'moderate']]],
    ]);
    expect(letter.contacts.map((e) => [e.kind, e.detail.outcome ?? e.detail.summary])).toEqual([
      ['interview', '约谈40分钟，近两周情绪低落'],
      ['safety_check', '已面谈，无自伤计划；已通知父亲，建议就医'],
    ]);
    const audited = ctx
      .db!.prepare("SELECT subject FROM audit_log WHERE action = 'report.referral'")
      .pluck()
      .all();
    expect(audited).toEqual([String(referralId)]);
    expect((await fails(ctx, 'reports.referral', { referralId: 999 })).code).toBe('not_found');
  });

  test("a class's and a grade's figures are the counts of the records; a supervisor gets them, not a letter", async () => {
    const { ctx, dir, referralId } = await school();
    const period = { programme: 'school' as const, from: FROM, to: TODAY };
    const cls = await ok(ctx, 'reports.group', { ...period, grade: '七年级', className: '1班' });
    expect(cls).toMatchObject({
      orgName: '实验中学',
      scope: 'class',
      group: '七年级 1班',
      from: FROM,
      to: TODAY,
      warningLevels: ['red', 'orange', 'yellow'],
      classes: [],
      figures: {
        group: '七年级 1班',
        due: 3,
        screened: 3,
        byLevel: { red: 1, green: 1, orange: 1 },
        critical: 1,
        underManagement: 2,
        referred: 1,
        attended: 0,
      },
    });
    // Each person's latest result per instrument, by band: 张三 9 (mild), 李四 0, 王五 16; positive by
    // each scale's own cut-off (≥ 10): only 王五's PHQ-9, whatever the combined levels (red, orange).
    expect(cls.instruments).toEqual([
      { instrumentId: 'GAD-7', screened: 3, positive: 0, undetermined: 0, byBand: { minimal: 2, mild: 1 } },
      { instrumentId: 'PHQ-9', screened: 3, positive: 1, undetermined: 0, byBand: { minimal: 1, mild: 1, moderately_severe: 1 } }, // prettier-ignore
    ]);
    const grade = await ok(ctx, 'reports.group', { ...period, grade: '七年级' });
    expect(grade.scope).toBe('grade');
    expect(grade.figures).toMatchObject({
      group: '七年级',
      due: 5,
      screened: 4,
      byLevel: { red: 1, green: 1, orange: 1, yellow: 1 },
      critical: 1,
      underManagement: 3,
      referred: 1,
      attended: 0,
    });
    expect(grade.classes.map((c) => [c.group, c.due, c.screened])).toEqual([
      ['七年级 1班', 3, 3],
      ['七年级 2班', 2, 1],
    ]);
    const eighth = await ok(ctx, 'reports.group', { ...period, grade: '八年级', className: '1班' });
    expect(eighth.figures).toMatchObject({ due: 0, screened: 2, byLevel: { orange: 1, green: 1 }, referred: 1, attended: 1 }); // prettier-ignore
    // A period before anything happened: all zero.
    const before = await ok(ctx, 'reports.group', { ...period, from: '2000-01-01', to: '2000-12-31', grade: '七年级' }); // prettier-ignore
    expect(before.figures).toMatchObject({ due: 0, screened: 0, byLevel: {}, critical: 0, referred: 0 });
    expect(before.instruments).toEqual([]);

    const supervisor = await login(dir, 'zhou', 'supervisor', ctx);
    const seen = await ok(supervisor, 'reports.group', { ...period, grade: '七年级' });
    expect(seen.figures).toEqual(grade.figures);
    for (const name of ['张三', '李四', '王五', '赵六', '钱七', '20230101'])
      expect(JSON.stringify(seen)).not.toContain(name);
    expect((await fails(supervisor, 'reports.referral', { referralId })).code).toBe('forbidden');
  });

  test("a class teacher gets their own class's report and no other class, grade or letter", async () => {
    const { ctx, dir, referralId } = await school();
    const teacher = await login(dir, 'chen', 'class_teacher', ctx);
    const period = { programme: 'school' as const, from: FROM, to: TODAY };
    const own = await ok(teacher, 'reports.group', { ...period, grade: '七年级', className: '1班' });
    expect(own.figures).toMatchObject({ due: 3, screened: 3 });
    for (const input of [
      { ...period, grade: '七年级', className: '2班' },
      { ...period, grade: '七年级' },
    ])
      expect((await fails(teacher, 'reports.group', input)).code).toBe('forbidden');
    expect((await fails(teacher, 'reports.referral', { referralId })).code).toBe('forbidden');
    // A school report needs a grade; a perinatal one a township.
    expect((await fails(ctx, 'reports.group', period)).code).toBe('invalid_input');
    expect((await fails(ctx, 'reports.group', { ...period, programme: 'perinatal', grade: '七年级' })).code).toBe('invalid_input'); // prettier-ignore
  });

  test('a township report counts the women of that township', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const lmp = addDays(TODAY, -100);
    const id = (seq: string) => `11010119900101${seq}${idCheckChar(`11010119900101${seq}`)}`;
    const csv = [
      '姓名,身份证号,手机号,保健手册编号,末次月经,所属社区/乡镇',
      `甲,${id('002')},13900000001,H1,${lmp},城关镇`,
      `乙,${id('004')},13900000002,H2,${lmp},城关镇`,
      `丙,${id('006')},13900000003,H3,${lmp},河西乡`,
    ].join('\n');
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const people = (await ok(ctx, 'people.list', { kind: 'woman', limit: 100 })).items;
    const epds = (name: string, values: number[]) =>
      answerSheet(ctx, people.find((p) => p.name === name)!.id, { battery: ['EPDS'] }, { EPDS: values });
    const POSITIVE = [2, 2, 2, 2, 1, 2, 1, 1, 1, 0]; // 14
    expect((await epds('甲', POSITIVE)).level).toBe('positive');
    expect((await epds('乙', zeros(10))).level).toBe('negative');
    expect((await epds('丙', POSITIVE)).level).toBe('positive');
    const report = await ok(ctx, 'reports.group', { programme: 'perinatal', township: '城关镇', from: FROM, to: TODAY }); // prettier-ignore
    expect(report).toMatchObject({
      scope: 'township',
      group: '城关镇',
      warningLevels: ['critical', 'positive'],
      figures: { screened: 2, byLevel: { positive: 1, negative: 1 }, critical: 0, underManagement: 1 },
      instruments: [{ instrumentId: 'EPDS', screened: 2 }],
    });
    // A woman's letter names her by her handbook.
    const [item] = await ok(ctx, 'cases.worklist', { programme: 'perinatal', group: '城关镇' });
    const referred = await ok(ctx, 'cases.refer', { caseId: item!.caseId, institution: '县人民医院', department: '心理科', referredOn: TODAY, consent: true }); // prettier-ignore
    const letter = await ok(ctx, 'reports.referral', { referralId: referred.referrals[0]!.id });
    expect(letter).toMatchObject({
      programme: 'perinatal',
      person: { kind: 'woman', name: '甲', handbookNo: 'H1', phone: '13900000001', township: '城关镇' },
      case: { level: 'positive' },
      referral: { institution: '县人民医院', department: '心理科' },
    });
    expect(letter.screenings.map((s) => s.results.map((r) => [r.instrumentId, r.total]))).toEqual([
      [['EPDS', 14]],
    ]);
  });
});
