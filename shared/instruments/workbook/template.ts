import type { CellValue } from '../../people/cell';
import { exampleInstrument } from './example';
import {
  type ColumnSpec,
  dataSheets,
  INSTRUCTIONS_SHEET,
  infoKeys,
  infoSheet,
  type SheetSpec,
} from './layout';

export interface TemplateColumn {
  header: string;
  width: number;
  text?: boolean;
  choices?: readonly string[];
  wrap?: boolean;
}

/** One sheet of the blank template: header row, then rows; what the spreadsheet writer needs. */
export interface TemplateSheet {
  name: string;
  columns: readonly TemplateColumn[];
  rows: readonly (readonly CellValue[])[];
}

const GENERAL_NOTES = [
  '用途：本单位已取得某量表的使用授权时，可按本模板填写，导入为自定义量表。',
  '模板中已填入一个虚构的 6 题示例（非任何正式量表），可对照修改；导入自己的量表前，请替换或删除示例内容。',
  '',
  '题目列表的写法：“1-6, 9, 12”表示第 1 至 6 题以及第 9、12 题。分隔可用逗号、顿号、分号或空格，范围可用 - ~ 至 到；纯数字一律按题号理解，也可以写题目编号（如 q1, q2）。',
  '分值：每个选项都写明自己的分值，计分只看分值，不看选项排在第几位；中英文问卷的排列顺序可以用“中文顺序”“英文顺序”分别设定。',
  '反向计分：反向计分题的得分 = 该题选项的最低分 + 最高分 − 所选分值（如 0–3 分的题选 1，计 2 分）。平均分维度的得分为已答题目的平均分。',
  '数字可以写成文本或全角数字；是/否 也可写 Y/N。英文列留空时使用中文。',
  '',
  '筛查阳性不是诊断：筛查结果只提示“建议进一步评估”。分段名称请用“筛查阳性”“需关注”“建议进一步评估”等，不要写“诊断”“确诊”（《精神卫生法》第二十三条：心理咨询人员不得从事心理疾病的诊断）。',
  '版权与授权：许多量表受版权保护，使用、复制或电子化须取得版权方授权。导入前请确认本单位持有相应授权，并如实填写“版权方”“使用条款”“需书面授权”；使用未经授权的量表，责任由导入单位承担。本软件不提供任何受限量表的题目。',
  '',
  '导入时会逐项检查；发现问题会列出所在工作表、行和列，全部改正之前不会导入任何内容。',
];

function instructionRows(): string[] {
  const rows = [...GENERAL_NOTES, ''];
  for (const spec of dataSheets as readonly SheetSpec[]) {
    rows.push(`【${spec.name}】${spec.required ? '' : '（可选）'}${spec.purpose}`);
    if (spec === infoSheet) {
      for (const key of infoKeys) rows.push(`  · ${key.label}${key.required ? '（必填）' : ''}：${key.hint}`);
    } else {
      for (const c of spec.columns) rows.push(`  · ${c.header}${c.required ? '（必填）' : ''}：${c.hint}`);
    }
    rows.push('');
  }
  return rows;
}

function templateColumns(spec: SheetSpec): TemplateColumn[] {
  return (spec.columns as readonly ColumnSpec[]).map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.text ? { text: true } : {}),
    ...(c.choices ? { choices: c.choices } : {}),
  }));
}

const exampleRows: Record<string, readonly Partial<Record<string, CellValue>>[]> = {
  题目: exampleInstrument.items,
  选项: exampleInstrument.options,
  维度: exampleInstrument.scales,
  分段: exampleInstrument.bands,
  常模: exampleInstrument.norms,
  效度: exampleInstrument.validity,
  危机条目: exampleInstrument.critical,
};

function sheetRows(spec: SheetSpec): CellValue[][] {
  if (spec === infoSheet) {
    const info: Partial<Record<string, CellValue>> = exampleInstrument.info;
    return infoKeys.map((key) => [key.label, info[key.key] ?? null, key.hint]);
  }
  return (exampleRows[spec.name] ?? []).map((record) => spec.columns.map((c) => record[c.field] ?? null));
}

/** The blank import template: instructions first, then every data sheet with the worked example. */
export function instrumentTemplate(): TemplateSheet[] {
  return [
    {
      name: INSTRUCTIONS_SHEET,
      columns: [{ header: '安心筛查 · 自定义量表导入模板 填写说明', width: 120, wrap: true }],
      rows: instructionRows().map((line) => [line]),
    },
    ...(dataSheets as readonly SheetSpec[]).map((spec) => ({
      name: spec.name,
      columns: templateColumns(spec),
      rows: sheetRows(spec),
    })),
  ];
}
