import { describe, expect, test } from 'vitest';
import {
  isEmptyRow,
  neutraliseFormula,
  validateStudentRow,
  validateWomanRow,
} from '../../shared/people/validate-row';
import { wordRowIssue } from '../../shared/people/issues';

const today = '2026-11-23';
const student = {
  studentNo: 'G510421201303050019',
  name: '张 三',
  sex: '男',
  birthDate: new Date(Date.UTC(2013, 2, 5)),
  grade: '初一',
  className: '(1)班',
};
const woman = {
  name: '龙佳',
  idNumber: '510421199001010046',
  phone: '136 4591 9962',
  handbookNo: 'my202600001',
  lmp: new Date(Date.UTC(2026, 6, 27)),
  edd: '2027-05-03',
  deliveryDate: null,
  gravidity: 2,
  parity: '1次',
  township: '撒莲镇',
  familyPsychHistory: '无',
};

// The issues are codes; worded in Chinese they read as the importer always has.
const messages = (result: ReturnType<typeof validateStudentRow> | ReturnType<typeof validateWomanRow>) =>
  result.status === 'invalid' ? result.issues.map((issue) => wordRowIssue(issue)) : [];

describe('student rows', () => {
  test('a complete row is normalised', () => {
    expect(
      validateStudentRow(
        {
          ...student,
          school: '米易县某中学',
          headTeacher: '李 四',
          guardianName: '钟燕',
          guardianPhone: 17766196836,
        },
        { today },
      ),
    ).toEqual({
      status: 'ok',
      warnings: [],
      record: {
        studentNo: 'G510421201303050019',
        name: '张三',
        sex: 'M',
        birthDate: '2013-03-05',
        school: '米易县某中学',
        grade: '七年级',
        gradeOrdinal: 7,
        className: '1班',
        headTeacher: '李四',
        guardianName: '钟燕',
        guardianPhone: '17766196836',
      },
    });
  });

  test('an empty row is skipped, not an error', () => {
    const blank = { studentNo: null, name: '  ', sex: '\u3000', birthDate: undefined };
    expect(isEmptyRow(blank)).toBe(true);
    expect(validateStudentRow(blank, { today })).toEqual({ status: 'empty' });
    expect(validateWomanRow({}, { today })).toEqual({ status: 'empty' });
  });

  test('each missing required field is named', () => {
    expect(messages(validateStudentRow({ name: '张三' }, { today }))).toEqual([
      '缺少学籍号',
      '缺少性别',
      '缺少出生日期',
      '缺少年级',
      '缺少班级',
    ]);
  });

  test('unreadable values are quoted back', () => {
    const result = validateStudentRow(
      { ...student, sex: '未知', birthDate: '2013-13-45', grade: '初四', guardianPhone: '12345' },
      { today },
    );
    expect(messages(result)).toEqual([
      '性别无法识别：未知',
      '出生日期无法识别：2013-13-45',
      '年级无法识别：初四',
      '监护人电话无法识别：12345',
    ]);
  });

  test('a birth date without the day asks for one', () => {
    expect(messages(validateStudentRow({ ...student, birthDate: '2013.03' }, { today }))).toEqual([
      '出生日期不完整，需要年、月、日',
    ]);
  });

  test('an implausible birth date', () => {
    for (const birthDate of ['2025-01-01', '1990-01-01', '2027-01-01']) {
      expect(
        messages(validateStudentRow({ ...student, studentNo: '20130001', birthDate }, { today })),
      ).toEqual(['出生日期不在合理范围']);
    }
    expect(
      validateStudentRow(
        { ...student, birthDate: '1990-01-01', studentNo: 'x' },
        { today, studentAge: { min: 3, max: 40 } },
      ).status,
    ).toBe('ok');
  });

  test('the ID number is checked and must agree with sex and birth date', () => {
    expect(messages(validateStudentRow({ ...student, idNumber: '510421201303050018' }, { today }))).toEqual([
      '身份证号校验位错误',
    ]);
    expect(
      messages(validateStudentRow({ ...student, studentNo: '1', idNumber: '510421201303050027' }, { today })),
    ).toEqual(['身份证号与性别不一致：身份证号第17位是2，按身份证号规则（该位奇数为男、偶数为女）应为女']);
    expect(
      messages(validateStudentRow({ ...student, studentNo: '1', idNumber: '510421201303060014' }, { today })),
    ).toEqual(['身份证号与出生日期不一致：身份证号第7–14位的出生日期是2013-03-06']);
  });

  test('a 学籍号 that embeds an ID number is checked the same way', () => {
    expect(messages(validateStudentRow({ ...student, sex: '女' }, { today }))).toEqual([
      '学籍号与性别不一致：学籍号第18位是1，按身份证号规则（该位奇数为男、偶数为女）应为男',
    ]);
    // The same issue as data (which character, its digit, the sex it means) and in English.
    const result = validateStudentRow({ ...student, sex: '女生' }, { today });
    const issue = result.status === 'invalid' ? result.issues[0]! : null;
    expect(issue).toEqual({
      field: 'studentNo',
      code: 'id_sex_mismatch',
      params: { other: 'sex', position: 18, digit: '1', sex: { zh: '男', en: 'male' } },
    });
    expect(wordRowIssue(issue!, 'en')).toBe(
      'Student number does not agree with Sex: character 18 of Student number is 1, and by the ID number rule (odd for male, even for female) that means male',
    );
    expect(
      validateStudentRow({ ...student, studentNo: 'G510421201303050018', sex: '女' }, { today }).status,
    ).toBe('ok');
  });

  test('sex and birth date may come from the ID number alone', () => {
    const result = validateStudentRow(
      {
        ...student,
        sex: null,
        birthDate: null,
        idNumber: '５１０４２１２０１３０３０５００２７',
        studentNo: '7',
      },
      { today },
    );
    expect(result).toMatchObject({
      status: 'ok',
      record: { sex: 'F', birthDate: '2013-03-05', idNumber: '510421201303050027' },
    });
  });

  test('an ID number Excel turned into a number has lost digits', () => {
    for (const idNumber of [510421201303050000, '5.10421E+17']) {
      expect(messages(validateStudentRow({ ...student, idNumber }, { today }))).toEqual([
        '身份证号被Excel存成了数字，末几位已丢失：请把该列设为文本后重新填写',
      ]);
    }
  });

  test('full-width student numbers and lower-case letters are normalised', () => {
    expect(
      validateStudentRow({ ...student, studentNo: 'ｇ５１０４２１ ２０１３０３０５００１９' }, { today }),
    ).toMatchObject({ record: { studentNo: 'G510421201303050019' } });
  });
});

describe('woman rows', () => {
  test('a complete row is normalised', () => {
    expect(validateWomanRow(woman, { today })).toEqual({
      status: 'ok',
      warnings: [],
      record: {
        name: '龙佳',
        idNumber: '510421199001010046',
        phone: '13645919962',
        handbookNo: 'MY202600001',
        lmp: '2026-07-27',
        edd: '2027-05-03',
        gravidity: 2,
        parity: 1,
        township: '撒莲镇',
        familyPsychHistory: false,
      },
    });
  });

  test('name and ID number are required', () => {
    expect(messages(validateWomanRow({ phone: '13645919962' }, { today }))).toEqual([
      '缺少姓名',
      '缺少身份证号',
    ]);
  });

  test('a male ID number is refused', () => {
    expect(messages(validateWomanRow({ ...woman, idNumber: '510421199001010011' }, { today }))).toEqual([
      '身份证号显示为男性',
    ]);
  });

  test('parity cannot exceed gravidity, and answers must be readable', () => {
    expect(
      messages(
        validateWomanRow({ ...woman, gravidity: 1, parity: 2, familyPsychHistory: '不详' }, { today }),
      ),
    ).toEqual(['产次不能大于孕次', '家族精神疾病史无法识别：不详']);
  });

  test('dates in the future or in the wrong order', () => {
    expect(
      messages(
        validateWomanRow({ ...woman, lmp: '2026-12-01', deliveryDate: '2026-12-02', edd: null }, { today }),
      ),
    ).toEqual(['末次月经晚于今天', '分娩日期晚于今天']);
    expect(messages(validateWomanRow({ ...woman, lmp: null, edd: '2027-12-01' }, { today }))).toEqual([
      '预产期不在合理范围',
    ]);
    expect(messages(validateWomanRow({ ...woman, deliveryDate: '2026-07-01' }, { today }))).toEqual([
      '分娩日期早于末次月经',
    ]);
  });

  test('warnings do not block the row', () => {
    const late = validateWomanRow({ ...woman, edd: '2027-06-03' }, { today });
    expect(late).toMatchObject({
      status: 'ok',
      warnings: [{ field: 'edd', code: 'edd_off_lmp', params: { other: 'lmp', days: 31 } }],
    });
    expect(late.status === 'ok' && wordRowIssue(late.warnings[0]!)).toBe('预产期与末次月经推算相差31天');
    expect(late.status === 'ok' && wordRowIssue(late.warnings[0]!, 'en')).toBe(
      'Due date is 31 days off the date worked out from Last menstrual period',
    );
    const undated = validateWomanRow({ ...woman, lmp: null, edd: null }, { today });
    expect(undated).toMatchObject({ status: 'ok', warnings: [{ field: 'lmp', code: 'no_pregnancy_dates' }] });
    expect(undated.status === 'ok' && wordRowIssue(undated.warnings[0]!)).toBe(
      '缺少末次月经、预产期和分娩日期，无法推算孕周或产后天数',
    );
  });

  test('有 and 是 mean yes', () => {
    expect(validateWomanRow({ ...woman, familyPsychHistory: '有' }, { today })).toMatchObject({
      record: { familyPsychHistory: true },
    });
  });
});

test('free text is neutralised for export', () => {
  expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
});
