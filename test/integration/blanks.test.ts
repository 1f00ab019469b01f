import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportRoster } from '../../electron/services/export/output';
import { addDays, idCheckChar, todayIso } from '../../shared/people';
import { fails, ok, setUpApp } from '../helpers/app';
import { answerPartialSheet, answerSheet, zeros } from '../helpers/screening';
import { useTempDirs } from '../helpers/temp';
import { readBack, sheetNamed } from '../helpers/workbook';
import { reasonWords } from '../../shared/tiers';

const tempDir = useTempDirs();
const TODAY = todayIso();

/**
 * Three students on paper: 张三 PHQ-9 4 with item 9 blank (green, could be red), 李四 PHQ-9 16 with
 * item 9 blank (orange, could be red), 王五 complete and green.
 */
async function blankSheets() {
  const dir = tempDir();
  const { ctx } = await setUpApp(dir);
  const add = (studentNo: string, name: string) =>
    ok(ctx, 'students.add', { studentNo, name, sex: 'F', birthDate: '2011-03-05', grade: '七年级', className: '1班' }); // prettier-ignore
  const zhang = await add('1', '张三');
  const li = await add('2', '李四');
  const wang = await add('3', '王五');
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '春季心理普测',
    programme: 'school',
    startsOn: TODAY,
    endsOn: TODAY,
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  const source = { campaignId: campaign.id };
  const outcomes = {
    zhang: await answerPartialSheet(ctx, zhang.id, source, { 'PHQ-9': [1, 1, 1, 1, 0, 0, 0, 0, null], 'GAD-7': zeros(7) }), // prettier-ignore
    li: await answerPartialSheet(ctx, li.id, source, { 'PHQ-9': [2, 2, 2, 2, 2, 2, 2, 2, null], 'GAD-7': zeros(7) }), // prettier-ignore
    wang: await answerSheet(ctx, wang.id, source, { 'PHQ-9': zeros(9), 'GAD-7': zeros(7) }),
  };
  return { ctx, dir, people: { zhang, li, wang }, outcomes };
}

describe('submitted sheets with blanks', () => {
  test('the outcome says what is blank: no band where blanks could change it, the level a floor', async () => {
    const { ctx, people, outcomes } = await blankSheets();
    // PHQ-9 4 with item 9 blank could be 4–7: minimal or mild, so no band; red if item 9 were answered.
    expect(outcomes.zhang).toMatchObject({ level: 'green', possibleHigher: 'red' });
    expect(outcomes.zhang.results).toEqual([
      { instrumentId: 'PHQ-9', total: 4, band: null, critical: false, complete: false, missing: 1, criticalUnanswered: [9] }, // prettier-ignore
      { instrumentId: 'GAD-7', total: 0, band: 'minimal', critical: false, complete: true, missing: 0, criticalUnanswered: [] }, // prettier-ignore
    ]);
    expect(outcomes.li).toMatchObject({ level: 'orange', possibleHigher: 'red' });
    expect(outcomes.wang).toMatchObject({ level: 'green', possibleHigher: null });
    // The person file reads the same from what was stored.
    const [stored] = await ok(ctx, 'screening.forPerson', { personId: people.zhang.id });
    expect(stored).toMatchObject({ possibleHigher: 'red', results: outcomes.zhang.results });
  });

  test('a blank critical item puts a same-day 需当面确认 on the case, opening one if none is open', async () => {
    const { ctx, outcomes } = await blankSheets();
    const worklist = await ok(ctx, 'cases.worklist', { programme: 'school' });
    const row = (name: string) => worklist.find((w) => w.name === name);
    // 张三 is green: no rule fired, yet the case is there with its reason in words.
    expect(row('张三')).toMatchObject({
      level: 'green',
      reasons: [{ kind: 'item_blank', instrument: 'PHQ-9', item: 9 }],
      nextTask: { kind: 'confirm_in_person', dueOn: TODAY },
    });
    // 李四's orange case carries the confirmation as well as its first contact.
    const li = await ok(ctx, 'cases.get', { id: row('李四')!.caseId });
    expect(li.reasons).toEqual([
      { kind: 'total_band', instrument: 'PHQ-9', total: 16, min: 15, max: 19, complete: false },
      { kind: 'item_blank', instrument: 'PHQ-9', item: 9 },
    ]);
    expect(li.reasons.map((r) => reasonWords(r, 'zh'))).toEqual([
      'PHQ-9 总分至少 16（15–19，作答不完整）',
      'PHQ-9 第9题未作答',
    ]);
    expect(li.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([
      ['confirm_in_person', TODAY],
      ['first_contact', addDays(TODAY, 3)],
    ]);
    expect(row('王五')).toBeUndefined();
    expect(outcomes.wang.results.every((r) => r.complete)).toBe(true);

    // Closing it needs what the person said and how it was found.
    const zhang = row('张三')!.caseId;
    expect(
      (await fails(ctx, 'cases.confirmInPerson', { caseId: zhang, finding: 'denied', note: ' ' })).code,
    ).toBe('invalid_input');
    const confirmed = await ok(ctx, 'cases.confirmInPerson', {
      caseId: zhang,
      finding: 'reported',
      note: '班主任陪同当面询问，本人承认近两周有自伤念头',
    });
    // Thoughts of self-harm reported in person: what a positive item 9 would have given, a safety check today.
    expect(confirmed.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([['safety_check', TODAY]]);
    expect(confirmed.events[0]).toMatchObject({
      kind: 'confirmed_in_person',
      by: '王老师',
      detail: { finding: 'reported', note: '班主任陪同当面询问，本人承认近两周有自伤念头' },
    });
    const lifted = await ok(ctx, 'cases.lift', { caseId: row('李四')!.caseId, reason: '复核正常' });
    expect(lifted.openTasks).toEqual([]);
  });

  test('the export says 部分作答 and lists the blank critical item', async () => {
    const { ctx, dir } = await blankSheets();
    const out = join(dir, 'roster.xlsx');
    await exportRoster(ctx.db!, ctx.user!, {
      programme: 'school',
      variant: 'full',
      from: TODAY,
      to: TODAY,
      out,
    });
    const sheets = await readBack(out);
    const records = sheetNamed(sheets, '测评记录').rows;
    const header = records[0]!;
    const cells = (name: string) => {
      const r = records.find((row) => row[header.indexOf('姓名')] === name)!;
      return [r[header.indexOf('状态')], r[header.indexOf('PHQ-9总分')], r[header.indexOf('关键条目')]];
    };
    expect(cells('张三')).toEqual(['部分作答', 4, 'PHQ-9第9题未作答']);
    expect(cells('李四')).toEqual(['部分作答', 16, 'PHQ-9第9题未作答']);
    expect(cells('王五')).toEqual(['已完成', 0, 'PHQ-9第9题=0']);
    const roster = sheetNamed(sheets, '随访名册').rows;
    const name = roster[0]!.indexOf('姓名');
    expect(roster.find((r) => r[name] === '张三')![roster[0]!.indexOf('关键条目')]).toBe('PHQ-9第9题未作答');
  });

  test('perinatal: EPDS item 10 blank asks in person too', async () => {
    const dir = tempDir();
    const { ctx } = await setUpApp(dir, 'maternal');
    const id = `11010119950305124${idCheckChar('11010119950305124')}`;
    const csv = ['姓名,身份证号,保健手册编号,末次月经', `李梅,${id},BJ001,${addDays(TODAY, -100)}`].join(
      '\n',
    );
    await ok(ctx, 'people.importCommit', {
      kind: 'woman',
      file: { fileName: 'w.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const [woman] = (await ok(ctx, 'people.list', { kind: 'woman', limit: 10 })).items;
    const outcome = await answerPartialSheet(ctx, woman!.id, { battery: ['EPDS'] }, { EPDS: [1, 1, 1, 1, 0, 0, 0, 0, 0, null] }); // prettier-ignore
    expect(outcome).toMatchObject({ level: 'negative', possibleHigher: 'critical' });
    expect(outcome.results[0]).toMatchObject({ complete: false, missing: 1, criticalUnanswered: [10] });
    const [row] = await ok(ctx, 'cases.worklist', { programme: 'perinatal' });
    expect(row).toMatchObject({
      name: '李梅',
      reasons: [{ kind: 'item_blank', instrument: 'EPDS', item: 10 }],
      nextTask: { kind: 'confirm_in_person', dueOn: TODAY },
    });
  });
});
