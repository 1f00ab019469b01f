/** A column the importer understands: the label it is shown and reported under, and what else it is called. */
export interface FieldSpec {
  label: string;
  synonyms: readonly string[];
}

export const studentFields = {
  studentNo: { label: '学籍号', synonyms: ['学号', '学生编号', '学籍编号', '全国学籍号'] },
  name: { label: '姓名', synonyms: ['学生姓名'] },
  sex: { label: '性别', synonyms: [] },
  birthDate: { label: '出生日期', synonyms: ['出生年月日', '生日', '出生年月'] },
  school: { label: '学校', synonyms: ['学校名称'] },
  grade: { label: '年级', synonyms: [] },
  className: { label: '班级', synonyms: ['班别', '班'] },
  headTeacher: { label: '班主任', synonyms: ['班主任姓名'] },
  guardianName: { label: '监护人姓名', synonyms: ['监护人', '家长姓名', '家长'] },
  guardianPhone: {
    label: '监护人电话',
    synonyms: ['家长电话', '联系电话', '手机号', '手机号码', '监护人手机号'],
  },
  idNumber: { label: '身份证号', synonyms: ['身份证号码', '证件号码', '身份证'] },
} as const satisfies Record<string, FieldSpec>;

export const womanFields = {
  name: { label: '姓名', synonyms: ['孕妇姓名', '产妇姓名'] },
  idNumber: { label: '身份证号', synonyms: ['身份证号码', '证件号码', '身份证'] },
  phone: { label: '手机号', synonyms: ['手机号码', '联系电话', '电话', '手机'] },
  handbookNo: { label: '保健手册编号', synonyms: ['手册编号', '母子健康手册编号', '手册号'] },
  lmp: { label: '末次月经', synonyms: ['末次月经日期', 'LMP'] },
  edd: { label: '预产期', synonyms: ['EDD'] },
  gravidity: { label: '孕次', synonyms: [] },
  parity: { label: '产次', synonyms: [] },
  deliveryDate: { label: '分娩日期', synonyms: [] },
  township: {
    label: '所属社区/乡镇',
    synonyms: ['所属社区', '乡镇', '社区', '社区/乡镇', '街道', '所属乡镇'],
  },
  familyPsychHistory: { label: '家族精神疾病史', synonyms: ['精神疾病家族史'] },
} as const satisfies Record<string, FieldSpec>;

export type StudentField = keyof typeof studentFields;
export type WomanField = keyof typeof womanFields;

// Sex and birth date may instead be read from the ID number, so they are required per row, not per column.
const requiredColumns = {
  student: ['studentNo', 'name', 'grade', 'className'],
  woman: ['name', 'idNumber'],
} as const satisfies { student: readonly StudentField[]; woman: readonly WomanField[] };

/** Required columns the header lacks, so a file can be refused before every row reports the same gap. */
export function missingColumns<K extends keyof typeof requiredColumns>(
  kind: K,
  mapping: Partial<Record<string, number>>,
): (typeof requiredColumns)[K][number][] {
  return requiredColumns[kind].filter((field) => mapping[field] === undefined);
}
