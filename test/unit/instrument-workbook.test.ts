import { describe, expect, test } from 'vitest';
import type { CellValue } from '../../shared/people/cell';
import {
  definitionFromJson,
  definitionFromSheets,
  type ImportIssue,
  instrumentTemplate,
  type WorkbookSheet,
  wordWorkbookIssue,
} from '../../shared/instruments/workbook';

type Book = Record<string, CellValue[][]>;

/**
 * The template's worked example as in-memory sheets (header in row 1), which a test then
 * breaks in one place. Row numbers below are Excel rows: data row k of a sheet is row k + 1.
 * 维度: A 编号 … E 题目 … K 主量表; rows 2 total (1-6), 3 stress (1-3), 4 mood (4-6).
 */
function exampleBook(): Book {
  return Object.fromEntries(
    instrumentTemplate().map((s) => [s.name, [s.columns.map((c) => c.header), ...s.rows.map((r) => [...r])]]),
  );
}

function sheetsOf(book: Book): WorkbookSheet[] {
  return Object.entries(book).map(([name, rows]) => ({ name, rows }));
}

/** An issue's place with its words in Chinese, which are the importer's wording of old. */
const worded = (issue: ImportIssue) => {
  const { code: _code, params: _params, ...at } = issue;
  return { ...at, message: wordWorkbookIssue(issue) };
};

function issuesOf(book: Book): ImportIssue[] {
  const result = definitionFromSheets(sheetsOf(book));
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

const errorsOf = (book: Book) => issuesOf(book).map(worded);

function definitionOf(book: Book) {
  const result = definitionFromSheets(sheetsOf(book));
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.definition;
}

/** Sets one cell by Excel row (1-based) and column letter. */
function set(book: Book, sheet: string, row: number, column: string, value: CellValue): void {
  const rows = book[sheet]!;
  while (rows.length < row) rows.push([]);
  rows[row - 1]![column.charCodeAt(0) - 65] = value;
}

describe('malformed workbooks are refused with the sheet, row and column to fix', () => {
  test('a missing required sheet', () => {
    const book = exampleBook();
    delete book['选项'];
    expect(errorsOf(book)).toEqual([{ sheet: '选项', row: 1, message: '缺少工作表“选项”' }]);
  });

  test('a missing required column', () => {
    const book = exampleBook();
    set(book, '维度', 1, 'D', '方法');
    expect(errorsOf(book)).toEqual([
      { sheet: '维度', row: 1, field: '计分方式', message: '缺少“计分方式”列' },
    ]);
  });

  test('an unknown item in a scale list', () => {
    const book = exampleBook();
    set(book, '维度', 3, 'E', '1-3, 99');
    expect(errorsOf(book)).toEqual([
      { sheet: '维度', row: 3, column: 'E', field: '题目', message: '题目：找不到第 99 题' },
    ]);
  });

  test('an unknown item id and a reversed range written backwards', () => {
    const book = exampleBook();
    set(book, '维度', 4, 'E', '4, 5, q66');
    set(book, '维度', 2, 'F', '3-1');
    expect(errorsOf(book)).toEqual([
      {
        sheet: '维度',
        row: 2,
        column: 'F',
        field: '反向计分题',
        message: '反向计分题：范围“3-1”的起点大于终点',
      },
      { sheet: '维度', row: 4, column: 'E', field: '题目', message: '题目：找不到编号为“q66”的题目' },
    ]);
  });

  test('a duplicate item id', () => {
    const book = exampleBook();
    set(book, '题目', 3, 'B', 'q1');
    expect(errorsOf(book)).toContainEqual({
      sheet: '题目',
      row: 3,
      column: 'B',
      field: '编号',
      message: '题目编号“q1”重复',
    });
  });

  test('an option value that is not a number', () => {
    const book = exampleBook();
    set(book, '选项', 3, 'B', '一分');
    expect(errorsOf(book)).toEqual([
      { sheet: '选项', row: 3, column: 'B', field: '分值', message: '分值：“一分”不是数字' },
    ]);
  });

  test('a gap between bands is shown on the band above the gap', () => {
    const book = exampleBook();
    set(book, '分段', 3, 'C', 7);
    expect(errorsOf(book)).toEqual([
      {
        sheet: '分段',
        row: 3,
        column: 'C',
        field: '下限',
        message: '得分 6 不在任何一段内：分段之间留有空档',
      },
    ]);
  });

  test('overlapping bands', () => {
    const book = exampleBook();
    set(book, '分段', 3, 'C', 5);
    expect(errorsOf(book)).toEqual([
      {
        sheet: '分段',
        row: 3,
        column: 'C',
        field: '下限',
        message: '5–11 与上一行的 0–5 重叠或顺序颠倒；请从低到高排列，且不要重叠',
      },
    ]);
  });

  test('a norm row whose lower bound is above its upper bound', () => {
    const book = exampleBook();
    set(book, '常模', 3, 'F', 11);
    set(book, '常模', 3, 'G', 6);
    expect(errorsOf(book)).toContainEqual({
      sheet: '常模',
      row: 3,
      column: 'G',
      field: '原始分上限',
      message: '上限 6 小于下限 11',
    });
  });

  test('no scale marked as the main scale', () => {
    const book = exampleBook();
    set(book, '维度', 2, 'K', '否');
    expect(errorsOf(book)).toEqual([
      {
        sheet: '维度',
        row: 1,
        column: 'K',
        field: '主量表',
        message: '主量表：请把一个维度标为“是”，它的结果作为整份问卷的结果',
      },
    ]);
  });

  test('two main scales', () => {
    const book = exampleBook();
    set(book, '维度', 4, 'K', '是');
    expect(errorsOf(book)).toEqual([
      { sheet: '维度', row: 4, column: 'K', field: '主量表', message: '主量表：只能有一个维度标为“是”' },
    ]);
  });

  test('every unreadable cell is reported at once, in sheet order, and nothing is loaded', () => {
    const book = exampleBook();
    set(book, '基本信息', 16, 'B', null); // 使用条款
    // (男生 now reads as 男, as on a roster: an unreadable sex is something else.)
    set(book, '常模', 6, 'C', '未知');
    set(book, '题目', 4, 'F', '也许');
    expect(errorsOf(book)).toEqual([
      { sheet: '基本信息', row: 16, column: 'B', field: '使用条款', message: '请填写“使用条款”' },
      { sheet: '题目', row: 4, column: 'F', field: '计分', message: '计分：“也许”应为“是”或“否”' },
      {
        sheet: '常模',
        row: 6,
        column: 'C',
        field: '性别',
        message: '性别：“未知”应为“男”或“女”，不限请留空',
      },
    ]);
  });

  test('a threshold no answer can reach', () => {
    const book = exampleBook();
    set(book, '危机条目', 2, 'B', 9);
    expect(errorsOf(book)).toEqual([
      {
        sheet: '危机条目',
        row: 2,
        column: 'B',
        field: '阈值',
        message: '阈值 9 高于可能的最高分 3，永远不会触发',
      },
    ]);
  });
});

describe('what the importer accepts', () => {
  test('the template example imports', () => {
    const def = definitionOf(exampleBook());
    expect(def).toMatchObject({
      id: 'EXAMPLE-STUDY',
      builtin: false,
      mainScale: 'total',
      defaultOptionSet: 'freq4',
    });
    expect(def.scales.map((s) => [s.id, s.items, s.reversed])).toEqual([
      ['total', ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'], ['q3']],
      ['stress', ['q1', 'q2', 'q3'], ['q3']],
      ['mood', ['q4', 'q5', 'q6'], undefined],
    ]);
  });

  test('English sheet names and headers, a title row, text and full-width numbers, Y/N', () => {
    const book = exampleBook();
    const renamed: Book = {};
    for (const [name, rows] of Object.entries(book)) {
      renamed[{ 题目: 'Items', 选项: 'Options', 维度: 'Scales' }[name] ?? name] = rows;
    }
    renamed['Items'] = [['Title row above the header'], ...renamed['Items']!];
    renamed['Items']![1] = ['No.', 'ID', 'Text (zh)', 'Text (en)', 'Option set', 'Scored'];
    renamed['Items']![2]![0] = '１'; // full-width 1
    renamed['Items']![2]![5] = 'Y';
    renamed['Options']![2]![1] = ' 1 ';
    renamed['Scales']![2]![7] = '２'; // stress cut-off
    renamed['Scales']![3]![4] = '4～6'; // full-width tilde as a range
    const def = definitionOf(renamed);
    expect(def.items[0]).toMatchObject({ id: 'q1', number: 1, scored: true });
    expect(def.scales[1]?.cutoff?.min).toBe(2);
    expect(def.scales[2]?.items).toEqual(['q4', 'q5', 'q6']);
  });

  test('a list typed into a general cell that Excel turned into a date is read back as typed', () => {
    const book = exampleBook();
    set(book, '维度', 3, 'E', new Date(Date.UTC(2025, 0, 3)));
    expect(definitionOf(book).scales[1]?.items).toEqual(['q1', 'q2', 'q3']);
  });

  test('blank English repeats the Chinese; a blank option set name continues the set above', () => {
    const book = exampleBook();
    set(book, '题目', 2, 'D', null);
    set(book, '选项', 3, 'A', null);
    set(book, '选项', 4, 'A', null);
    const def = definitionOf(book);
    expect(def.items[0]?.text).toEqual({ zh: '我担心考试考不好', en: '我担心考试考不好' });
    expect(def.optionSets.map((s) => s.options.length)).toEqual([4]);
  });

  test('display positions become a per-language order; the value still travels with each option', () => {
    const book = exampleBook();
    [4, 3, 2, 1].forEach((position, i) => set(book, '选项', i + 2, 'F', position));
    expect(definitionOf(book).optionSets[0]?.displayOrder).toEqual({ en: [3, 2, 1, 0] });
    set(book, '选项', 5, 'F', null);
    expect(errorsOf(book)).toEqual([
      {
        sheet: '选项',
        row: 5,
        column: 'F',
        field: '英文顺序',
        message: '英文顺序：同一选项组要么每个选项都填，要么都不填',
      },
    ]);
  });
});

describe('definitionFromJson', () => {
  const def = definitionOf(exampleBook());

  test('accepts the schema shape and always makes a custom definition', () => {
    const result = definitionFromJson(`\uFEFF${JSON.stringify({ ...def, builtin: true })}`);
    expect(result).toEqual({ ok: true, definition: def });
  });

  test('places schema errors on the line of the offending value', () => {
    const broken = structuredClone(def);
    broken.scales[2]!.items[2] = 'q99';
    const text = JSON.stringify(broken, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"q99"')) + 1;
    const result = definitionFromJson(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          sheet: 'JSON',
          row: line,
          field: 'scales[2].items[2]',
          code: 'unknown_item',
          params: { id: 'q99' },
        },
      ],
    });
    expect(!result.ok && result.errors.map(worded)[0]!.message).toBe('找不到题目“q99”');
  });

  test('reports a syntax error with its line, and refuses what is not an object', () => {
    const result = definitionFromJson('{\n  "id": "X",\n  "version": \n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ sheet: 'JSON', row: 4 });
    const array = definitionFromJson('[1, 2]');
    expect(array).toEqual({
      ok: false,
      errors: [{ sheet: 'JSON', row: 1, code: 'json_not_object', params: {} }],
    });
    expect(!array.ok && array.errors.map(worded)).toEqual([
      { sheet: 'JSON', row: 1, message: '文件内容不是量表定义（应为一个 JSON 对象）' },
    ]);
  });
});
