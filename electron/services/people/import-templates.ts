import type { PersonKind } from '../../../shared/api/people';
import { gradeNames } from '../../../shared/people';
import { rosterTemplateBytes, type TemplateColumn } from '../spreadsheet';
import { EXAMPLE_MARK } from './roster-import';

const SEX = ['男', '女'];

const COLUMNS: Record<PersonKind, TemplateColumn[]> = {
  student: [
    { header: '学籍号', example: 'G110101201303050012', width: 24 },
    { header: '姓名', example: '张三' },
    { header: '性别', example: '男', list: SEX },
    { header: '出生日期', example: '2013-03-05', width: 14 },
    { header: '学校', example: '安心市第一中学', width: 18 },
    { header: '年级', example: '七年级', list: gradeNames },
    { header: '班级', example: '1班' },
    { header: '班主任', example: '王老师' },
    { header: '监护人姓名', example: '张建国', width: 14 },
    { header: '监护人电话', example: '13800000000', width: 16 },
    { header: '身份证号', example: '', width: 22 },
  ],
  woman: [
    { header: '姓名', example: '李梅' },
    { header: '身份证号', example: '110101199001010023', width: 22 },
    { header: '手机号', example: '13900000000', width: 16 },
    { header: '保健手册编号', example: 'MY202600001', width: 16 },
    { header: '末次月经', example: '2026-05-01', width: 14 },
    { header: '预产期', example: '2027-02-05', width: 14 },
    { header: '孕次', example: '1' },
    { header: '产次', example: '0' },
    { header: '分娩日期', example: '', width: 14 },
    { header: '所属社区/乡镇', example: '城关镇', width: 16 },
    { header: '家族精神疾病史', example: '无', list: ['有', '无'], width: 16 },
  ],
};

const FILE_NAMES: Record<PersonKind, string> = {
  student: '学生名册导入模板.xlsx',
  woman: '孕产妇登记导入模板.xlsx',
};

export async function importTemplate(kind: PersonKind): Promise<{ fileName: string; contentBase64: string }> {
  const [first, ...rest] = COLUMNS[kind];
  const columns = [{ ...first!, example: `${EXAMPLE_MARK}：${first!.example}` }, ...rest];
  const bytes = await rosterTemplateBytes(columns, {
    sheetName: kind === 'student' ? '学生名册' : '孕产妇登记',
  });
  return { fileName: FILE_NAMES[kind], contentBase64: bytes.toString('base64') };
}
