import { afterEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../../electron/services/context';
import { stationNoMatchMessage } from '../../electron/services/station/messages';
import { startStation, stopStation } from '../../electron/transports/station';
import type { StationSession } from '../../shared/api/station';
import { idCheckChar } from '../../shared/people/id-number';
import { wordRowIssue } from '../../shared/people/issues';
import { fails, ok, setUpApp } from '../helpers/app';
import { api, value } from '../helpers/station-http';
import { useTempDirs } from '../helpers/temp';

// Issue 14: one woman (or student) added by hand goes through the importer's own row checks, and
// a handbook number names one woman only — on import, by hand, on correction and at the station.

const tempDir = useTempDirs();
const stations: AppContext[] = [];
afterEach(async () => {
  while (stations.length) await stopStation(stations.pop()!);
});

/** A valid 18-digit ID number of a woman born on the given day. */
function womanId(birth: string, seq: number): string {
  const first17 = `510421${birth.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}2`;
  return first17 + idCheckChar(first17);
}

const upload = (csv: string) => ({
  fileName: '登记.csv',
  contentBase64: Buffer.from(csv).toString('base64'),
});

const LIU = {
  name: '刘 一',
  idNumber: womanId('1995-01-01', 1),
  handbookNo: 'hb-001',
  phone: '139 0000 0001',
  lmp: '2026-06-01',
  edd: '2027-03-08',
  township: '撒莲镇',
};

describe('people.add: one woman by hand', () => {
  test('a woman is created with the register fields as an imported row would be, and listed', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const result = await ok(ctx, 'people.add', { kind: 'woman', values: LIU });
    expect(result).toEqual({ created: true, personId: expect.any(Number), warnings: [] });
    if (!result.created) return;
    const file = await ok(ctx, 'people.get', { id: result.personId });
    // Normalised as the importer writes them: spaces out of the name, the handbook number upper case.
    expect(file.person).toMatchObject({
      kind: 'woman',
      name: '刘一',
      idNumber: LIU.idNumber,
      handbookNo: 'HB-001',
      phone: '13900000001',
      lmp: '2026-06-01',
      edd: '2027-03-08',
      township: '撒莲镇',
    });
    expect(file.events.map((e) => e.kind)).toEqual(['created']);
    const listed = await ok(ctx, 'people.list', { kind: 'woman' });
    expect(listed.items.map((w) => [w.name, w.handbookNo])).toEqual([['刘一', 'HB-001']]);
  });

  test("a row's issues come back as codes with nothing written", async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const result = await ok(ctx, 'people.add', {
      kind: 'woman',
      values: { name: '', idNumber: '510421199501010010', lmp: '2099-01-01', edd: '2026-13-40' },
    });
    expect(result.created).toBe(false);
    if (result.created) return;
    expect(result.issues).toEqual([
      { field: 'name', code: 'required', params: {} },
      { field: 'idNumber', code: 'id_checksum', params: {} },
      { field: 'edd', code: 'unrecognised', params: { value: '2026-13-40' } },
      { field: 'lmp', code: 'after_today', params: {} },
    ]);
    expect(result.issues.map((i) => wordRowIssue(i))).toContain('末次月经晚于今天');
    expect((await ok(ctx, 'people.list', { kind: 'woman' })).total).toBe(0);
  });

  test('末次月经 and 预产期 far apart is a warning beside a created woman', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const result = await ok(ctx, 'people.add', { kind: 'woman', values: { ...LIU, edd: '2027-04-08' } });
    expect(result).toMatchObject({
      created: true,
      warnings: [{ field: 'edd', code: 'edd_off_lmp', params: { other: 'lmp', days: 31 } }],
    });
  });

  test('a taken handbook or ID number is refused with a code; an unknown field is invalid input', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    await ok(ctx, 'people.add', { kind: 'woman', values: LIU });
    const again = await ok(ctx, 'people.add', {
      kind: 'woman',
      values: { ...LIU, name: '陈二', idNumber: womanId('1996-02-02', 2), handbookNo: 'HB-001' },
    });
    expect(again).toEqual({
      created: false,
      issues: [{ field: 'handbookNo', code: 'id_taken', params: {} }],
      warnings: [],
    });
    const sameId = await ok(ctx, 'people.add', { kind: 'woman', values: { ...LIU, handbookNo: 'HB-002' } });
    expect(sameId).toMatchObject({ created: false, issues: [{ field: 'idNumber', code: 'id_taken' }] });
    const unknown = await fails(ctx, 'people.add', { kind: 'woman', values: { ...LIU, grade: '七年级' } });
    expect(unknown).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'people.unknown_field', params: { field: 'grade' } },
    });
    expect((await ok(ctx, 'people.list', { kind: 'woman' })).total).toBe(1);
  });

  test('students.add is the same service: a 学籍号 that contradicts the sex is refused, naming the digit', async () => {
    const { ctx } = await setUpApp(tempDir());
    const refused = await fails(ctx, 'students.add', {
      studentNo: 'G510421201303050019',
      name: '张三',
      sex: 'F',
      birthDate: '2013-03-05',
      grade: '初一',
      className: '(1)班',
    });
    expect(refused).toMatchObject({
      code: 'invalid_input',
      issues: [
        {
          path: 'studentNo',
          code: 'id_sex_mismatch',
          params: { position: 18, digit: '1', sex: { zh: '男', en: 'male' } },
        },
      ],
    });
    const added = await ok(ctx, 'students.add', {
      studentNo: 'G510421201303050019',
      name: '张三',
      sex: 'M',
      birthDate: '2013-03-05',
      grade: '初一',
      className: '(1)班',
    });
    // Written the way the importer writes it.
    expect(added).toMatchObject({ grade: '七年级', className: '1班', status: 'enrolled' });
    const taken = await ok(ctx, 'people.add', {
      kind: 'student',
      values: { studentNo: 'G510421201303050019', name: '李四', sex: '男生', birthDate: '2013-03-05', grade: '七年级', className: '2班' }, // prettier-ignore
    });
    expect(taken).toMatchObject({ created: false, issues: [{ field: 'studentNo', code: 'id_taken' }] });
  });
});

describe('handbook numbers are unique in the organisation', () => {
  test('an import row with a handbook number another woman holds is held back; her own row is not', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    await ok(ctx, 'people.add', { kind: 'woman', values: LIU });
    const csv = [
      '姓名,身份证号,保健手册编号,末次月经',
      `陈二,${womanId('1996-02-02', 2)},HB-001,2026-06-02`,
      `周三,${womanId('1997-03-03', 3)},HB-003,2026-06-03`,
    ].join('\n');
    const preview = await ok(ctx, 'people.importPreview', { kind: 'woman', file: upload(csv) });
    expect(preview.rows.map((r) => [r.row, r.status, r.reasons])).toEqual([
      [2, 'duplicate', [{ field: 'handbookNo', code: 'id_taken', params: {} }]],
      [3, 'new', []],
    ]);
    // 刘一's own row (matched by her ID number) keeps her handbook number.
    const own = `姓名,身份证号,保健手册编号,末次月经\n刘一,${LIU.idNumber},HB-001,2026-06-01`;
    const ownPreview = await ok(ctx, 'people.importPreview', { kind: 'woman', file: upload(own) });
    expect(ownPreview.rows.map((r) => [r.status, r.reasons])).toEqual([['unchanged', []]]);
    // The preview shows every mapped column as it will be written.
    expect(preview.rows[1]!.cells).toEqual({
      name: '周三',
      idNumber: womanId('1997-03-03', 3),
      handbookNo: 'HB-003',
      lmp: '2026-06-03',
    });
    const summary = await ok(ctx, 'people.importCommit', { kind: 'woman', file: upload(csv) });
    expect(summary).toMatchObject({ created: 1, unchanged: 0 });
    expect(summary.duplicates.map((d) => [d.row, d.reason])).toEqual([
      [2, '保健手册编号已属于系统中的另一人'],
    ]);
  });

  test('older duplicates: station sign-in by the shared number opens neither woman; correcting one clears it', async () => {
    const { ctx } = await setUpApp(tempDir(), 'maternal');
    const add = async (name: string, birth: string, seq: number, handbookNo: string) => {
      const r = await ok(ctx, 'people.add', {
        kind: 'woman',
        values: {
          name,
          idNumber: womanId(birth, seq),
          handbookNo,
          lmp: '2026-06-01',
          phone: `1390000000${seq}`,
        },
      });
      if (!r.created) throw new Error('not created');
      return r.personId;
    };
    const liu = await add('刘一', '1995-01-01', 1, 'HB-001');
    const chen = await add('陈二', '1996-02-02', 2, 'HB-002');
    // What an older import left behind (migration 18 marks such pairs and keeps them out of the index).
    ctx.db!.prepare(`UPDATE people SET handbook_no_clash = 1 WHERE id IN (?, ?)`).run(liu, chen);
    ctx.db!.prepare(`UPDATE people SET handbook_no = 'HB-001' WHERE id = ?`).run(chen);

    const campaign = await ok(ctx, 'campaigns.create', {
      name: '孕晚期筛查',
      programme: 'perinatal',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      targets: [{ battery: ['EPDS'] }],
    });
    const status = await startStation(ctx, {
      campaignId: campaign.id,
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
    });
    stations.push(ctx);
    const port = Number(new URL(status.url!).port);
    const code = status.stationCode!;
    // 陈二's own handbook number and birth date: refused, in the words any mismatch gets.
    const shared = await api(port, 'identify', {
      stationCode: code,
      recordNo: 'HB-001',
      birthDate: '1996-02-02',
    });
    expect(shared.status).toBe(404);
    expect(shared.json().error?.message).toBe(stationNoMatchMessage('handbook_plus'));
    const sharedLiu = await api(port, 'identify', {
      stationCode: code,
      recordNo: 'hb-001',
      phoneLast4: '0001',
    });
    expect(sharedLiu.status).toBe(404);
    // Her ID number still signs her in, as her.
    const byId = await value<StationSession>(
      api(port, 'identify', { stationCode: code, recordNo: womanId('1996-02-02', 2), phoneLast4: '0002' }),
    );
    expect(byId).toMatchObject({ status: 'in_progress', displayName: '陈*' });
    // The staff kiosk's lookup refuses the shared number the same way.
    const kiosk = await fails(ctx, 'screening.identify', { campaignId: campaign.id, number: 'HB-001' });
    expect(kiosk.code).toBe('not_found');

    // 刘一's number corrected to a free one; nobody else gets the shared number, by hand or correction.
    await ok(ctx, 'people.correct', { id: liu, changes: { handbookNo: 'HB-002' }, reason: '核对' });
    const third = await ok(ctx, 'people.add', {
      kind: 'woman',
      values: { name: '周三', idNumber: womanId('1997-03-03', 3), handbookNo: 'HB-001' },
    });
    expect(third).toMatchObject({ created: false, issues: [{ field: 'handbookNo', code: 'id_taken' }] });
    const toTaken = await fails(ctx, 'people.correct', { id: chen, changes: { handbookNo: 'HB-002' }, reason: '核对' }); // prettier-ignore
    expect(toTaken).toMatchObject({
      code: 'conflict',
      detail: { reason: 'people.number_taken', params: { fields: 'handbookNo' } },
    });
    // 刘一 was given HB-002 above: her mark is cleared and the unique index holds her number.
    const marks = ctx.db!.prepare('SELECT id, handbook_no, handbook_no_clash FROM people ORDER BY id').all();
    expect(marks).toEqual([
      { id: liu, handbook_no: 'HB-002', handbook_no_clash: 0 },
      { id: chen, handbook_no: 'HB-001', handbook_no_clash: 1 },
    ]);
    expect(() =>
      ctx.db!.prepare(`UPDATE people SET handbook_no = 'HB-002' WHERE id = ? `).run(chen),
    ).not.toThrow(); // a marked row stays outside the index…
    ctx.db!.prepare(`UPDATE people SET handbook_no = 'HB-001', handbook_no_clash = 0 WHERE id = ?`).run(chen);
    expect(() => ctx.db!.prepare(`UPDATE people SET handbook_no = 'HB-002' WHERE id = ?`).run(chen)).toThrow(
      /UNIQUE/,
    ); // …an unmarked one cannot take a number held by another
  });
});
