import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, todayIso, type IsoDate } from '../../shared/people';
import type { CellValue } from '../../shared/people/cell';
import { idCheckChar } from '../../shared/people/id-number';
import { pinyinKeys } from '../../electron/services/pinyin';

/**
 * The sample files users really bring, generated (all persons invented) so the tests need nothing
 * outside the repository: a school roster as a school system exports it, a county maternal
 * register, and a 问卷星 export of PHQ-9 + GAD-7 answered by the roster's first 300 students.
 * Deterministic: a seeded generator, and the register's dates counted back from `today` so its
 * women stay pregnant or recently delivered whenever the tests run.
 */

/** mulberry32: small, seeded, the same sequence on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范廖石金贾夏付方邹熊白孟秦邱侯江尹薛段雷龙史陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂梓涵轩宇浩然一诺欣怡子墨雨彤思琪佳琪俊熙晨阳诗雅若萱嘉懿奕辰';
const TOWNSHIPS = ['撒莲镇', '得石镇', '新山傈僳族乡', '白马镇', '丙谷镇', '草场镇', '攀莲镇', '垭口镇'];
const REGION = '510421';

const name = (rng: Random) =>
  rng.pick([...SURNAMES]) + Array.from({ length: rng.int(1, 2) }, () => rng.pick([...GIVEN])).join('');
const mobile = (rng: Random) =>
  `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;

/** A valid 18-digit ID number: the 17th digit is odd for men, even for women; the last is the checksum. */
function idNumber(rng: Random, birthDate: IsoDate, sex: 'M' | 'F'): string {
  const sequence = rng.int(0, 49) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `${REGION}${birthDate.replace(/-/g, '')}${String(rng.int(0, 9))}${String(sequence).padStart(2, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A day of `year`, from 2 January to 28 December (so no sample date sits on a year's edge). */
const dayOf = (rng: Random, year: number): IsoDate => addDays(`${year}-01-02`, rng.int(0, 360));

/** Excel stores calendar days; a UTC midnight Date is what exceljs writes as one. */
const excelDate = (iso: IsoDate) => new Date(`${iso}T00:00:00Z`);

export interface SampleStudent {
  studentNo: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: IsoDate;
  grade: string;
  className: string;
  guardianName: string;
  guardianPhone: string;
}

export const SAMPLE_GRADES = [
  { grade: '七年级', born: 2013 },
  { grade: '八年级', born: 2012 },
  { grade: '九年级', born: 2011 },
] as const;

/** The one student whose pinyin initials are "zsy" (in 七年级3班), for search tests. */
export const SAMPLE_ZSY = { index: 100, name: '张思雨', initials: 'zsy' } as const;

/** 600 students of the 2026 autumn term: 七/八/九年级 × 1–4班 × 50, each 学籍号 "G" + the ID number. */
export function sampleStudents(): SampleStudent[] {
  const rng = random(2026_09);
  const studentName = () => {
    for (;;) {
      const drawn = name(rng);
      if (!pinyinKeys(drawn).initials.includes(SAMPLE_ZSY.initials)) return drawn;
    }
  };
  const students = SAMPLE_GRADES.flatMap(({ grade, born }) =>
    ['1班', '2班', '3班', '4班'].flatMap((className) =>
      Array.from({ length: 50 }, () => {
        const sex = rng.next() < 0.5 ? 'F' : 'M';
        const birthDate = dayOf(rng, born);
        return {
          studentNo: `G${idNumber(rng, birthDate, sex)}`,
          name: studentName(),
          sex,
          birthDate,
          grade,
          className,
          guardianName: name(rng),
          guardianPhone: mobile(rng),
        } satisfies SampleStudent;
      }),
    ),
  );
  students[SAMPLE_ZSY.index]!.name = SAMPLE_ZSY.name;
  return students;
}

export interface SampleWoman {
  name: string;
  idNumber: string;
  phone: string;
  lmp: IsoDate;
  edd: IsoDate;
  deliveryDate: IsoDate | null;
  gravidity: number;
  parity: number;
  handbookNo: string;
  township: string;
}

/** Row 81 repeats row 4's ID number (a typing slip in the register), as county registers do. */
export const SAMPLE_REGISTER_DUPLICATE = { row: 81, sameIdAs: 4 } as const;
/** Women 10, 20, … 140 have delivered (in the last five weeks), in every township; everyone else is pregnant. */
export const SAMPLE_DELIVERED = 14;

/** 180 women of a county register, dated back from `today`. */
export function sampleWomen(today: IsoDate = todayIso()): SampleWoman[] {
  const rng = random(2026_01);
  const year = today.slice(0, 4);
  const women = Array.from({ length: 180 }, (_, i): SampleWoman => {
    const delivered = (i + 1) % 10 === 0 && i < SAMPLE_DELIVERED * 10;
    // Delivered women are 41–43 weeks past their LMP and delivered around the EDD; the others
    // are 4 to 40 weeks pregnant.
    const lmp = addDays(today, delivered ? -rng.int(287, 301) : -rng.int(28, 283));
    const edd = addDays(lmp, 280);
    const [gravidity, parity] = rng.pick([
      [1, 0],
      [2, 0],
      [2, 1],
      [3, 1],
      [3, 2],
    ] as const);
    return {
      name: name(rng),
      idNumber: idNumber(rng, dayOf(rng, rng.int(1986, 2003)), 'F'),
      phone: mobile(rng),
      lmp,
      edd,
      deliveryDate: delivered ? addDays(edd, rng.int(-7, 5)) : null,
      gravidity,
      parity,
      handbookNo: `MY${year}${String(i + 1).padStart(5, '0')}`,
      // Every township has a delivered woman, so a township's post-partum list is never empty.
      township: delivered ? TOWNSHIPS[((i + 1) / 10 - 1) % TOWNSHIPS.length]! : rng.pick(TOWNSHIPS),
    };
  });
  const { row, sameIdAs } = SAMPLE_REGISTER_DUPLICATE;
  women[row - 1]!.idNumber = women[sameIdAs - 1]!.idNumber;
  return women;
}

/** The header 问卷星 writes: its metadata columns, then "N、question" for every question. */
export const WJX_SAMPLE_HEADER = [
  '序号',
  '提交答卷时间',
  '所用时间',
  '来源',
  '来源详情',
  '来自IP',
  '1、学籍号',
  '2、姓名',
  // The questions as a school typed them into the site: punctuation and a word or two differ from
  // the reference texts, which the import must still recognise.
  '3、做事时提不起劲或没有兴趣',
  '4、感到心情低落、沮丧或绝望',
  '5、入睡困难、睡不安稳或睡眠过多',
  '6、感觉疲倦或没有活力',
  '7、食欲不振或吃太多',
  '8、觉得自己很糟，或觉得自己很失败，或让自己或家人失望',
  '9、对事物专注有困难，例如阅读报纸或看电视时',
  '10、动作或说话速度缓慢到别人已经察觉？或正好相反，烦躁或坐立不安、动来动去的情况更胜于平常',
  '11、有不如死掉或用某种方式伤害自己的念头',
  '12、感觉紧张，焦虑或急切',
  '13、不能够停止或控制担忧',
  '14、对各种各样的事情担忧过多',
  '15、很难放松下来',
  '16、由于不安而无法静坐',
  '17、变得容易烦恼或急躁',
  '18、感到似乎将有可怕的事情发生而害怕',
];
export const WJX_OPTION_TEXTS = ['完全不会', '好几天', '一半以上的天数', '几乎每天'];

/** How likely each option (0–3) is, for a well, a worried, a struggling and a distressed student. */
const SEVERITY_WEIGHTS = [
  ...Array<number[]>(8).fill([0.93, 0.06, 0.01, 0]),
  ...Array<number[]>(2).fill([0.6, 0.28, 0.1, 0.02]),
  [0.25, 0.35, 0.28, 0.12],
  [0.05, 0.2, 0.35, 0.4],
];

/**
 * 300 answer sheets (the roster's first 300 students, in roster order), answers as option text,
 * submitted on 12 October 2026 from 08:00 a minute and a half apart. Most students answer mostly
 * 完全不会; a few answer high, some of them positive on PHQ-9 item 9.
 */
export function sampleResponses(): CellValue[][] {
  const rng = random(2026_10);
  const start = Date.UTC(2026, 9, 12, 8, 0, 0);
  return sampleStudents()
    .slice(0, 300)
    .map((student, i) => {
      const weights = rng.pick(SEVERITY_WEIGHTS);
      const answers = Array.from({ length: 16 }, () => {
        let roll = rng.next();
        const value = weights.findIndex((w) => (roll -= w) < 0);
        return WJX_OPTION_TEXTS[value < 0 ? 3 : value]!;
      });
      const submitted = new Date(start + i * 97_000).toISOString().replace('T', ' ').slice(0, 19);
      return [
        i + 1,
        submitted,
        `${rng.int(90, 420)}秒`,
        '手机提交',
        '直接访问',
        `10.0.${i % 50}.${(i * 3) % 250}(内网)`,
        student.studentNo,
        student.name,
        ...answers,
      ];
    });
}

const SEX_TEXT = { M: '男', F: '女' } as const;
const DATE_FORMAT = 'yyyy-mm-dd';

/** Bold, centred header cells, as the exporting systems style them. */
function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { horizontal: 'center' };
}

async function bytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** school-roster.xlsx: a merged title row above the header, dates as real Excel dates. */
export async function schoolRosterXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学生名单');
  sheet.columns = Array.from({ length: 9 }, (_, i) => ({
    width: 14,
    style: i === 4 ? { numFmt: DATE_FORMAT } : {},
  }));
  const title = sheet.addRow(['安心县某中学2026年秋季学期学生名单']);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells('A1:I1');
  styleHeader(
    sheet.addRow(['序号', '学籍号', '姓名', '性别', '出生日期', '年级', '班级', '监护人', '监护人电话']),
  );
  sampleStudents().forEach((s, i) => {
    const row = sheet.addRow([
      i + 1,
      s.studentNo,
      s.name,
      SEX_TEXT[s.sex],
      excelDate(s.birthDate),
      s.grade,
      s.className,
      s.guardianName,
      s.guardianPhone,
    ]);
    row.getCell(5).numFmt = DATE_FORMAT;
  });
  return bytes(workbook);
}

/** maternal-register.xlsx: header in the first row; an empty 分娩日期 cell still carries the date format. */
export async function maternalRegisterXlsx(today: IsoDate = todayIso()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('孕产妇登记');
  sheet.columns = Array.from({ length: 11 }, () => ({ width: 14 }));
  styleHeader(
    sheet.addRow([
      '序号',
      '姓名',
      '身份证号',
      '手机号码',
      '末次月经',
      '预产期',
      '分娩日期',
      '孕次',
      '产次',
      '保健手册编号',
      '所属社区/乡镇',
    ]),
  );
  sampleWomen(today).forEach((w, i) => {
    const row = sheet.addRow([
      i + 1,
      w.name,
      w.idNumber,
      w.phone,
      excelDate(w.lmp),
      excelDate(w.edd),
      w.deliveryDate ? excelDate(w.deliveryDate) : null,
      w.gravidity,
      w.parity,
      w.handbookNo,
      w.township,
    ]);
    for (const column of [5, 6, 7]) row.getCell(column).numFmt = DATE_FORMAT;
  });
  return bytes(workbook);
}

/** wjx-phq9-gad7-by-text.xlsx: one sheet, the header in the first row, no styles. */
export async function wjxResponsesXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(WJX_SAMPLE_HEADER);
  for (const row of sampleResponses()) sheet.addRow(row);
  return bytes(workbook);
}

export type SampleName = 'school-roster.xlsx' | 'maternal-register.xlsx' | 'wjx-phq9-gad7-by-text.xlsx';
export const SAMPLE_FILES: Record<SampleName, (today: IsoDate) => Promise<Buffer>> = {
  'school-roster.xlsx': schoolRosterXlsx,
  'maternal-register.xlsx': maternalRegisterXlsx,
  'wjx-phq9-gad7-by-text.xlsx': wjxResponsesXlsx,
};

const cache = new Map<string, Promise<Buffer>>();

/** One sample's bytes (built once per process and `today`). */
export function sampleFile(fileName: SampleName, today: IsoDate = todayIso()): Promise<Buffer> {
  const key = `${fileName}@${today}`;
  if (!cache.has(key)) cache.set(key, SAMPLE_FILES[fileName](today));
  return cache.get(key)!;
}

/** An upload as the API takes it. */
export async function sampleUpload(fileName: SampleName, today?: IsoDate) {
  return { fileName, contentBase64: (await sampleFile(fileName, today)).toString('base64') };
}

/** Writes every sample into `dir` under its usual name (for a file picker); returns `dir`. */
export async function writeSampleFiles(dir: string, today?: IsoDate): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (const fileName of Object.keys(SAMPLE_FILES) as SampleName[])
    writeFileSync(join(dir, fileName), await sampleFile(fileName, today));
  return dir;
}
