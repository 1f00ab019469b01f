import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/client';
import { describeError } from '../../renderer/src/api/errors';
import { describeRowIssue } from '../../renderer/src/features/import/rowIssues';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { HAN, wordParams } from '../../shared/issues';
import {
  type WorkbookIssueCode,
  wordWorkbookIssue,
  workbookIssueValues,
  workbookIssueWords,
} from '../../shared/instruments/workbook/messages';
import {
  importNote,
  importNoteFile,
  type RowIssue,
  rowIssueWords,
  wordRowIssue,
} from '../../shared/people/issues';
import {
  responseReasonValues,
  responseReasonWords,
  unparsableWords,
  wordResponseError,
  wordResponseReason,
  wordUnparsable,
} from '../../shared/screening/response-issues';
import { validateStudentRow, validateWomanRow } from '../../shared/people/validate-row';

beforeAll(async () => {
  await i18next.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

const today = '2026-11-23';

/** Issues as the validators really produce them, one of each kind the English UI must word. */
function representativeRowIssues(): RowIssue[] {
  const student = validateStudentRow(
    {
      // An 18-digit number as Excel keeps it: 15 significant digits.
      studentNo: 5.1042120130305e17,
      name: '',
      sex: 'x',
      birthDate: '2013.03',
      grade: '七年级',
      className: '1班',
      idNumber: '510421201303050018',
    },
    { today },
  );
  const woman = validateWomanRow(
    { name: '刘一', idNumber: '510421199001010011', gravidity: 1, parity: 2, lmp: '2027-01-01' },
    { today },
  );
  if (student.status !== 'invalid' || woman.status !== 'invalid') throw new Error('expected invalid rows');
  return [
    ...student.issues,
    ...woman.issues,
    { field: 'studentNo', code: 'duplicate_of_row', params: { row: 4 } },
    { field: 'idNumber', code: 'repeats_row', params: { row: 2 } },
    { field: 'idNumber', code: 'id_taken', params: {} },
    { field: 'studentNo', code: 'missing_columns', params: { columns: ['studentNo', 'name'] } },
    { field: 'edd', code: 'edd_off_lmp', params: { other: 'lmp', days: 31 } },
  ];
}

describe('roster import issues', () => {
  test('in Chinese they read as the importer always has', async () => {
    await i18next.changeLanguage('zh-CN');
    const issues = representativeRowIssues();
    expect(issues.map((issue) => describeRowIssue(issue))).toEqual([
      '学籍号被Excel存成了数字，末几位已丢失：请把该列设为文本后重新填写',
      '缺少姓名',
      '身份证号校验位错误',
      '性别无法识别：x',
      '出生日期不完整，需要年、月、日',
      '身份证号显示为男性',
      '产次不能大于孕次',
      '末次月经晚于今天',
      '与第4行学籍号重复',
      '身份证号与第2行重复',
      '身份证号已属于系统中的另一人',
      '缺少必填列：学籍号、姓名',
      '预产期与末次月经推算相差31天',
    ]);
    // The UI's words and the CLI's (shared formatter) are one table.
    expect(issues.map((issue) => wordRowIssue(issue))).toEqual(
      issues.map((issue) => describeRowIssue(issue)),
    );
  });

  test('in English they name the row, the field and the fix without a Chinese character', async () => {
    await i18next.changeLanguage('en');
    const words = representativeRowIssues().map((issue) => describeRowIssue(issue));
    for (const text of words) expect(text).not.toMatch(HAN);
    expect(words).toContain(
      'Student number was saved by Excel as a number and its last digits are lost: format the column as Text and type it again',
    );
    expect(words).toContain('Sex is not recognised: x');
    expect(words).toContain('Parity cannot be greater than Gravidity');
    expect(words).toContain('Same Student number as row 4');
    expect(words).toContain('Required columns are missing: Student number, Name');
    // The CLI may print English too, from the same table.
    expect(wordRowIssue({ field: 'grade', code: 'required', params: {} }, 'en')).toBe('Grade is missing');
  });

  test('学籍号与性别不一致 names the character, its digit and the rule, in either language', async () => {
    // 全国学籍号 G + ID number: its 18th character is the ID's 17th digit, 1 (odd: male).
    const row = validateStudentRow(
      { studentNo: 'G510421201303050019', name: '张三', sex: '女生', birthDate: '2013-03-06', grade: '七年级', className: '1班' }, // prettier-ignore
      { today },
    );
    if (row.status !== 'invalid') throw new Error('expected an invalid row');
    await i18next.changeLanguage('zh-CN');
    expect(row.issues.map((issue) => describeRowIssue(issue))).toEqual([
      '学籍号与性别不一致：学籍号第18位是1，按身份证号规则（该位奇数为男、偶数为女）应为男',
      '学籍号与出生日期不一致：学籍号第8–15位的出生日期是2013-03-05',
    ]);
    await i18next.changeLanguage('en');
    const english = row.issues.map((issue) => describeRowIssue(issue));
    expect(english).toEqual([
      'Student number does not agree with Sex: character 18 of Student number is 1, and by the ID number rule (odd for male, even for female) that means male',
      'Student number does not agree with Date of birth: characters 8–15 of Student number give the date of birth 2013-03-05',
    ]);
    for (const text of english) expect(text).not.toMatch(HAN);
  });

  test("a cell's value stays as typed and is cut when long", async () => {
    await i18next.changeLanguage('en');
    const long = validateStudentRow(
      {
        studentNo: 'S1',
        name: '张三',
        sex: '男',
        birthDate: '2013-03-05',
        grade: 'x'.repeat(40),
        className: '1班',
      },
      { today },
    );
    expect(long.status === 'invalid' && describeRowIssue(long.issues[0]!)).toBe(
      `Grade is not recognised: ${'x'.repeat(30)}…`,
    );
  });
});

describe('response import reasons and unreadable answers', () => {
  test('the UI words the codes from the same table the CLI uses, in either language', async () => {
    await i18next.changeLanguage('zh-CN');
    const t = i18next.t.bind(i18next);
    const params = { mode: 'station' };
    expect(t('responseImport.reasons.in_progress', responseReasonValues(params, 'zh'))).toBe(
      wordResponseReason('in_progress', params),
    );
    expect(wordResponseReason('in_progress', params)).toBe('此人有一份未提交的答卷（局域网测评站）');
    expect(wordResponseReason('number_not_listed', { field: 'handbookNo' })).toBe(
      '保健手册编号不在本次测评名单中',
    );
    expect(wordUnparsable('position_out_of_range', { max: 4 })).toBe('选项序号应为 1–4');

    await i18next.changeLanguage('en');
    expect(t('responseImport.reasons.in_progress', responseReasonValues(params, 'en'))).toBe(
      'This person has an unsubmitted sheet (LAN station)',
    );
    const options = { options: { zh: '没有这样、很少这样', en: 'Never, Hardly ever' } };
    expect(
      t(
        'responseImport.unparsable.not_an_option',
        wordParams(options, 'en', (f) => f),
      ),
    ).toBe('Not an option of this item (expected: Never, Hardly ever)');
    expect(wordUnparsable('not_an_option', options)).toBe('不是此题的选项（应为：没有这样、很少这样）');
  });

  test('no English reason or unparsable sentence holds a Chinese character', () => {
    for (const text of [...Object.values(responseReasonWords.en), ...Object.values(unparsableWords.en)]) {
      expect(text).not.toMatch(HAN);
    }
  });
});

/** Han characters outside “…”: quoted words are what the user types into the (Chinese) template. */
const unquotedHan = (text: string) => HAN.test(text.replace(/“[^”]*”/g, ''));

describe('a refused response file or choice is worded from its detail', () => {
  const refusal = (reason: string, params: Record<string, string | number>, message: string) =>
    new ApiCallError('responses.import', { code: 'invalid_input', message, detail: { reason, params } });

  test('Chinese as the service said it, English without a Chinese character', async () => {
    const params = { number: 6, letter: 'F', header: '' };
    const message = wordResponseError('reading_not_item', params);
    await i18next.changeLanguage('zh-CN');
    expect(describeError(refusal('responses.reading_not_item', params, message))).toBe(
      '第6列（F列）不是题目列，不能设置读法：请先把它对应到一道题。',
    );
    await i18next.changeLanguage('en');
    const missing = { items: 'PHQ-9:9,GAD-7:2' };
    const english = describeError(
      refusal('responses.missing_items', missing, wordResponseError('missing_items', missing)),
    );
    expect(english).toBe(
      'Some items have no column: PHQ-9 item 9, GAD-7 item 2. Choose a column for each of them, then import.',
    );
    const notListed = {
      row: 3,
      reasonCode: 'number_not_listed',
      'reason.field': 'studentNo',
      action: 'import',
      actions: 'skip,match',
    };
    const choice = describeError(refusal('responses.action_not_allowed', notListed, ''));
    expect(choice).toBe(
      'Row 3 (Student no. is not on this campaign’s list) cannot be set to “import”; allowed: skip, match.',
    );
    expect(wordResponseError('action_not_allowed', notListed)).toBe(
      '第3行（学籍号不在本次测评名单中）不能选择“import”，可选：skip、match。',
    );
  });
});

describe('a roster file refused as a whole names its columns in the UI language', () => {
  test('no header row, and required columns missing at commit', async () => {
    const noHeader = new ApiCallError('people.importPreview', {
      code: 'invalid_input',
      message: '在文件中找不到表头行。',
      issues: [{ path: 'file', message: '在文件中找不到表头行。' }],
      detail: {
        reason: 'file.no_header',
        params: { columns: '学籍号、姓名、年级、班级', fields: 'studentNo,name,grade,className' },
      },
    });
    await i18next.changeLanguage('en');
    expect(describeError(noHeader)).toBe(
      'No header row was found. The first row should name the columns, at least: Student number, Name, Grade, Class.',
    );
    const missing = new ApiCallError('people.importCommit', {
      code: 'invalid_input',
      message: '缺少必填列：学籍号、姓名',
      detail: { reason: 'import.missing_columns', params: { fields: 'studentNo,name' } },
    });
    expect(describeError(missing)).toBe('Required columns are missing: Student number, Name');
    await i18next.changeLanguage('zh-CN');
    expect(describeError(missing)).toBe('缺少必填列：学籍号、姓名');
  });
});

test("an import's note on a person's history is worded in the UI language", async () => {
  const note = importNote('2026秋季名册.xlsx');
  expect(note).toBe('名册导入：2026秋季名册.xlsx');
  const file = importNoteFile(note)!;
  await i18next.changeLanguage('en');
  expect(i18next.t('person.importNote', { file })).toBe('Roster import: 2026秋季名册.xlsx');
  await i18next.changeLanguage('zh-CN');
  expect(i18next.t('person.importNote', { file })).toBe(note);
  expect(importNoteFile('家长来电，已告知')).toBeNull();
});

describe('instrument workbook issues', () => {
  test('every code has English words that hold Chinese only where they quote the template', () => {
    expect(Object.keys(workbookIssueWords.en).sort()).toEqual(Object.keys(workbookIssueWords.zh).sort());
    for (const text of Object.values(workbookIssueWords.en)) expect(unquotedHan(text)).toBe(false);
    for (const text of Object.values(rowIssueWords.en)) expect(text).not.toMatch(HAN);
  });

  test('the library words an issue in the UI language; the header is the file’s own', async () => {
    const issue = {
      sheet: '维度',
      row: 4,
      column: 'E',
      field: '题目',
      code: 'items_not_found' as WorkbookIssueCode,
      params: { missing: { zh: '编号为“q66”的题目、第 99 题', en: 'item “q66”, item 99' } },
    };
    expect(wordWorkbookIssue(issue)).toBe('题目：找不到编号为“q66”的题目、第 99 题');
    await i18next.changeLanguage('en');
    const english = i18next.t(
      `library.issues.${issue.code}`,
      workbookIssueValues({ params: { ...issue.params, field: issue.field } }, 'en'),
    );
    expect(english).toBe('题目: not found: item “q66”, item 99');
    expect(english.replace(issue.field, '')).not.toMatch(HAN);
    expect(wordWorkbookIssue({ field: '分值', code: 'not_number', params: { value: '1.5x' } }, 'en')).toBe(
      '分值: “1.5x” is not a number',
    );
  });
});
