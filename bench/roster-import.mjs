// Imports a generated 50,000-row roster through the real `anxin import roster` command.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { runMeasured, initDataDir } from './measure.mjs';

const ROWS = 50_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
// 60 common given-name characters: 20 × 60 × 60 combinations, so nearly every one of the 50,000
// names is distinct, as on a real roster (each distinct name costs a pinyin conversion).
const GIVEN =
  '子涵欣怡梓轩浩宇一诺雨桐思远佳俊杰诗可馨博文晨阳嘉雅婷明哲天佑若曦梦琪家豪志强静晓彤紫萱宏伟熙语嫣昊然皓妍泽安宁瑞琳乐悦';
const GRADES = ['七年级', '八年级', '九年级'];

export async function writeRoster(file) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('学生名册');
  sheet.addRow(['某某中学2025学年学生名册']).commit();
  sheet.addRow(['学籍号', '姓名', '性别', '出生日期', '年级', '班级', '班主任', '监护人电话']).commit();
  for (let i = 0; i < ROWS; i++) {
    const given = Math.floor(i / SURNAMES.length);
    const name =
      SURNAMES[i % SURNAMES.length] +
      GIVEN[given % GIVEN.length] +
      GIVEN[Math.floor(given / GIVEN.length) % GIVEN.length];
    const birth = new Date(Date.UTC(2010 + (i % 4), i % 12, 1 + (i % 28)));
    sheet
      .addRow([
        `G${String(30000000 + i)}`,
        name,
        i % 2 ? '女' : '男',
        birth,
        GRADES[i % 3],
        `${1 + (i % 20)}班`,
        '王老师',
        `138${String(i).padStart(8, '0')}`,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

export async function benchRosterImport(workDir) {
  const file = join(workDir, 'roster-50k.xlsx');
  await writeRoster(file);
  const dataDir = await initDataDir(workDir, 'school');
  const baseline = await runMeasured(['info', '--data-dir', dataDir, '--json']);
  const preview = await runMeasured(['import', 'roster', file, '--data-dir', dataDir, '--json']);
  const commit = await runMeasured(['import', 'roster', file, '--data-dir', dataDir, '--commit', '--json']);
  if (commit.output.created !== ROWS)
    throw new Error(`expected ${ROWS} created, got ${commit.output.created}`);
  return [
    { name: `roster import preview, ${ROWS} rows`, ...preview.usage },
    { name: `roster import commit, ${ROWS} rows`, ...commit.usage },
    { name: 'baseline: anxin info (start-up + login)', ...baseline.usage },
  ];
}
