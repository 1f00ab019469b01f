/** A column the importer understands: the label it is shown and reported under, and what else it is called. */
export interface FieldSpec {
  label: string;
  /** The label in English, for the CLI's English words (the renderer has its own i18n labels). */
  en: string;
  synonyms: readonly string[];
}

export const studentFields = {
  studentNo: {
    label: '学籍号',
    en: 'Student number',
    synonyms: ['学号', '学生编号', '学籍编号', '全国学籍号'],
  },
  name: { label: '姓名', en: 'Name', synonyms: ['学生姓名'] },
  sex: { label: '性别', en: 'Sex', synonyms: [] },
  birthDate: { label: '出生日期', en: 'Date of birth', synonyms: ['出生年月日', '生日', '出生年月'] },
  school: { label: '学校', en: 'School', synonyms: ['学校名称'] },
  grade: { label: '年级', en: 'Grade', synonyms: [] },
  className: { label: '班级', en: 'Class', synonyms: ['班别', '班'] },
  headTeacher: { label: '班主任', en: 'Head teacher', synonyms: ['班主任姓名'] },
  guardianName: { label: '监护人姓名', en: 'Guardian', synonyms: ['监护人', '家长姓名', '家长'] },
  guardianPhone: {
    label: '监护人电话',
    en: 'Guardian phone',
    synonyms: ['家长电话', '联系电话', '手机号', '手机号码', '监护人手机号'],
  },
  idNumber: { label: '身份证号', en: 'ID number', synonyms: ['身份证号码', '证件号码', '身份证'] },
} as const satisfies Record<string, FieldSpec>;

export const womanFields = {
  name: { label: '姓名', en: 'Name', synonyms: ['孕妇姓名', '产妇姓名'] },
  idNumber: { label: '身份证号', en: 'ID number', synonyms: ['身份证号码', '证件号码', '身份证'] },
  phone: { label: '手机号', en: 'Mobile', synonyms: ['手机号码', '联系电话', '电话', '手机'] },
  handbookNo: {
    label: '保健手册编号',
    en: 'Handbook no.',
    synonyms: ['手册编号', '母子健康手册编号', '手册号'],
  },
  lmp: { label: '末次月经', en: 'Last menstrual period', synonyms: ['末次月经日期', 'LMP'] },
  edd: { label: '预产期', en: 'Due date', synonyms: ['EDD'] },
  gravidity: { label: '孕次', en: 'Gravidity', synonyms: [] },
  parity: { label: '产次', en: 'Parity', synonyms: [] },
  deliveryDate: { label: '分娩日期', en: 'Delivery date', synonyms: [] },
  township: {
    label: '所属社区/乡镇',
    en: 'Community / township',
    synonyms: ['所属社区', '乡镇', '社区', '社区/乡镇', '街道', '所属乡镇'],
  },
  familyPsychHistory: {
    label: '家族精神疾病史',
    en: 'Family history of mental illness',
    synonyms: ['精神疾病家族史'],
  },
} as const satisfies Record<string, FieldSpec>;

/** Each kind's columns, as the importer, 新建 dialogs and `anxin people add` read them. */
export const rosterFields = { student: studentFields, woman: womanFields } as const;

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
