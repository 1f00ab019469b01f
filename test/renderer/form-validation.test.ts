import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { newUserSchema, setupInputSchema } from '../../shared/api/auth';
import { contract } from '../../shared/api/contract';
import { personCorrectionSchema, studentInputSchema } from '../../shared/api/people';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { checkBirthDateRange, schemaErrors } from '../../renderer/src/lib/validation';

beforeAll(async () => {
  await i18next.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

const student = {
  studentNo: 'G001',
  name: '张三',
  sex: 'M',
  birthDate: '2012-03-05',
  grade: '七年级',
  className: '1班',
};

describe("forms check values with the contract's zod schemas", () => {
  test('a valid form has no errors', () => {
    expect(schemaErrors(studentInputSchema, student)).toEqual({});
  });

  test('each issue becomes its field message: required, choice, too long, date', async () => {
    await i18next.changeLanguage('zh-CN');
    const errors = schemaErrors(studentInputSchema, {
      ...student,
      studentNo: '  ',
      sex: '',
      name: '张'.repeat(65),
      birthDate: '2023-02-30',
    });
    expect(errors).toEqual({
      studentNo: '请填写学籍号',
      sex: '请选择性别',
      name: '姓名不能超过 64 个字符',
      birthDate: '请输入有效的日期',
    });
  });

  test('the same issues in English', async () => {
    await i18next.changeLanguage('en');
    const errors = schemaErrors(studentInputSchema, { ...student, studentNo: '', birthDate: '2012/3/5' });
    expect(errors.studentNo).toBe(en.validation.required.replace('{{field}}', en.fields.studentNo));
    expect(errors.birthDate).toBe(en.validation.dateInvalid);
    await i18next.changeLanguage('zh-CN');
  });

  test('username and password rules come from the schema, worded for what to fix', () => {
    const setup = {
      orgType: 'school',
      orgName: '一中',
      displayName: '李老师',
      username: 'a',
      password: 'short',
    };
    expect(schemaErrors(setupInputSchema, setup)).toEqual({
      username: zhCN.validation.usernameLength,
      password: zhCN.validation.passwordLength,
    });
    expect(
      schemaErrors(setupInputSchema, { ...setup, username: 'a b!', password: '12345678', orgType: '' }),
    ).toEqual({ username: zhCN.validation.usernameChars, orgType: '请选择机构类型' });
  });

  test('a form may name a field its own way; the login schema requires both fields', () => {
    const errors = schemaErrors(
      newUserSchema,
      { username: 'li', displayName: '', role: 'screener', password: '12345678', classes: [] },
      { displayName: 'name' },
    );
    expect(errors).toEqual({ displayName: '请填写姓名' });
    expect(schemaErrors(contract['auth.login'].input, { username: ' ', password: '' })).toEqual({
      username: '请填写用户名',
      password: '请填写密码',
    });
  });

  test('a correction: only changed fields are checked; a count must be a whole number', () => {
    expect(schemaErrors(personCorrectionSchema, { gravidity: Number.NaN, lmp: '2026-13-01' })).toEqual({
      gravidity: '孕次格式不正确',
      lmp: '请输入有效的日期',
    });
    expect(schemaErrors(personCorrectionSchema, { parity: 2 })).toEqual({});
  });

  test('what the client adds to a valid birth date: not before 1900, not after today', () => {
    expect(checkBirthDateRange('1899-12-31')).toBe(zhCN.validation.dateTooEarly);
    expect(checkBirthDateRange('2999-01-01')).toBe(zhCN.validation.dateFuture);
    expect(checkBirthDateRange('2012-03-05')).toBeUndefined();
    expect(checkBirthDateRange('not a date')).toBeUndefined();
  });
});
