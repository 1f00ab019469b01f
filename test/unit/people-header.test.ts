import { describe, expect, test } from 'vitest';
import { missingColumns, studentFields, womanFields } from '../../shared/people/fields';
import { detectHeader, fieldForHeader, headerKey, pickFields } from '../../shared/people/header';

describe('header detection', () => {
  test('title rows and a merged title above the header are skipped', () => {
    const rows = [
      ['某某中学2026年秋季学期学生名单'],
      [],
      [null, '制表日期：2026-09-01'],
      ['序号', '学籍号', '姓 名', '性别', '出生日期', '年级', '班级', '备注'],
      [1, 'G510421201303050019', '张三', '男', '2013-03-05', '七年级', '1班', null],
    ];
    expect(detectHeader(rows, studentFields)).toEqual({
      headerRow: 3,
      mapping: { studentNo: 1, name: 2, sex: 3, birthDate: 4, grade: 5, className: 6 },
      unmappedHeaders: [
        { column: 0, text: '序号' },
        { column: 7, text: '备注' },
      ],
      duplicateHeaders: [],
    });
  });

  test('a title naming one field is not mistaken for the header', () => {
    const rows = [['姓名'], ['学号', '姓名']];
    expect(detectHeader(rows, studentFields)?.headerRow).toBe(1);
  });

  test('spaces, full-width characters, case, stars and hints in brackets are tolerated', () => {
    const rows = [
      ['＊学籍号', '学生姓名：', '性别（男/女）', '出生日期(yyyy-mm-dd)', '年 级', '班别', 'lmp'],
    ];
    expect(detectHeader(rows, studentFields)?.mapping).toEqual({
      studentNo: 0,
      name: 1,
      sex: 2,
      birthDate: 3,
      grade: 4,
      className: 5,
    });
    expect(headerKey('ＬＭＰ')).toBe('lmp');
  });

  test.each([
    ['学号', 'studentNo'],
    ['学生编号', 'studentNo'],
    ['学籍编号', 'studentNo'],
    ['出生年月日', 'birthDate'],
    ['生日', 'birthDate'],
    ['出生年月', 'birthDate'],
    ['学校名称', 'school'],
    ['班', 'className'],
    ['班主任', 'headTeacher'],
    ['监护人', 'guardianName'],
    ['家长姓名', 'guardianName'],
    ['监护人姓名', 'guardianName'],
    ['监护人电话', 'guardianPhone'],
    ['家长电话', 'guardianPhone'],
    ['联系电话', 'guardianPhone'],
    ['手机号', 'guardianPhone'],
    ['身份证号码', 'idNumber'],
    ['证件号码', 'idNumber'],
  ])('student header %s → %s', (text, field) => {
    expect(detectHeader([['姓名', text]], studentFields)?.mapping).toMatchObject({ [field]: 1 });
  });

  test.each([
    ['手机号', 'phone'],
    ['联系电话', 'phone'],
    ['电话', 'phone'],
    ['保健手册编号', 'handbookNo'],
    ['手册编号', 'handbookNo'],
    ['母子健康手册编号', 'handbookNo'],
    ['末次月经', 'lmp'],
    ['末次月经日期', 'lmp'],
    ['LMP', 'lmp'],
    ['预产期', 'edd'],
    ['孕次', 'gravidity'],
    ['产次', 'parity'],
    ['分娩日期', 'deliveryDate'],
    ['所属社区/乡镇', 'township'],
    ['乡镇', 'township'],
    ['社区', 'township'],
    ['街道', 'township'],
    ['家族精神疾病史', 'familyPsychHistory'],
    ['精神疾病家族史', 'familyPsychHistory'],
  ])('register header %s → %s', (text, field) => {
    expect(detectHeader([['姓名', text]], womanFields)?.mapping).toMatchObject({ [field]: 1 });
  });

  test('a second column for a mapped field is reported, the first one wins', () => {
    const header = detectHeader([['姓名', '联系电话', '手机号']], womanFields);
    expect(header?.mapping).toEqual({ name: 0, phone: 1 });
    expect(header?.duplicateHeaders).toEqual([{ column: 2, text: '手机号', field: 'phone' }]);
  });

  test('no header among the scanned rows', () => {
    expect(detectHeader([['a', 'b'], ['姓名']], studentFields)).toBeNull();
    expect(detectHeader([[], [], ['姓名', '学号']], studentFields, { scanRows: 2 })).toBeNull();
  });
});

describe('picking and checking columns', () => {
  test('cells are read under their fields; short rows give null', () => {
    expect(pickFields(['x', '张三'], { name: 1, sex: 4 })).toEqual({ name: '张三', sex: null });
  });

  test('required columns that are missing', () => {
    expect(missingColumns('student', { name: 0, sex: 1 })).toEqual(['studentNo', 'grade', 'className']);
    expect(missingColumns('woman', { name: 0, idNumber: 3 })).toEqual([]);
  });
});

describe('one column named by hand (anxin people add --set 列名=值)', () => {
  test('a label, a synonym (as a header would be written) or the field key names the field', () => {
    expect(fieldForHeader(womanFields, '保健手册编号')).toBe('handbookNo');
    expect(fieldForHeader(womanFields, '手册号')).toBe('handbookNo');
    expect(fieldForHeader(womanFields, '所属乡镇')).toBe('township');
    expect(fieldForHeader(womanFields, ' 末次月经（yyyy-mm-dd） ')).toBe('lmp');
    expect(fieldForHeader(womanFields, 'LMP')).toBe('lmp');
    expect(fieldForHeader(womanFields, 'edd')).toBe('edd');
    expect(fieldForHeader(studentFields, '学号')).toBe('studentNo');
    expect(fieldForHeader(studentFields, 'className')).toBe('className');
  });

  test('a name of the other kind, or of nothing, names no field', () => {
    expect(fieldForHeader(womanFields, '年级')).toBeNull();
    expect(fieldForHeader(studentFields, '保健手册编号')).toBeNull();
    expect(fieldForHeader(studentFields, '座位号')).toBeNull();
    expect(fieldForHeader(studentFields, 'toString')).toBeNull();
  });
});
